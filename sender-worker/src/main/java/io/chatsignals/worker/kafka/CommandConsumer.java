package io.chatsignals.worker.kafka;

import io.chatsignals.ops.Tracing;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Outcome;
import io.chatsignals.worker.dispatch.Dispatcher;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.dispatch.JobCompletion;
import io.chatsignals.worker.dispatch.JobTracing;
import io.chatsignals.worker.limits.Backoff;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop on its own thread (docs/design.md, execution rules 1, 2, 10).
 * <ul>
 * <li><b>Intake.</b> Each fetched record is first checked against the {@link OffsetTracker} (finished already, or in
 *     memory: skipped before decoding), then decoded: undecodable or invalid ones go to the DLQ, those a channel
 *     cannot take straight to an UNSUPPORTED status, the rest to the {@link Dispatcher}. A transient registry failure
 *     is not bad input: the partition is sought back to the record and paused for a capped, jittered backoff, and
 *     nothing past it is committed meanwhile.</li>
 * <li><b>No hot account holds the others.</b> Each account (lane) may hold at most {@code laneQuota} commands in
 *     memory; past that its commands are <em>parked</em> — only their offsets are kept — and fetched again by seeking
 *     back once the account is under half its quota. Memory is bounded by {@code maxBuffered} commands (all partitions
 *     pause above it, resume below half) and {@code maxParked} parked offsets (partitions holding parked offsets pause
 *     above it): a single account fills neither, so others' commands keep being fetched and run. Commands that wait
 *     past their {@code notAfter} end then (EXPIRED), which sheds a backlog that cannot be served in time.</li>
 * <li><b>Commits</b> go up to the lowest unfinished offset, with the unfinished offsets above it in the metadata
 *     ({@link OffsetMetadataCodec}); on assignment the committed metadata is restored, so a new owner repeats only
 *     what was unfinished: in flight at a crash, or not yet done at a revocation or shutdown.</li>
 * <li><b>Revocation</b> (incremental with the cooperative-sticky assignor: only the partitions that move) and
 *     {@link #close()}: queued commands of the partitions are dropped at once (they stay unfinished for the next
 *     owner), commands in flight get up to {@code grace} to finish, then the commit and the release.</li>
 * </ul>
 * The loop never dies of one record: an unexpected error while handling one sends it to the DLQ with the reason. If
 * the loop itself stops unexpectedly, {@link #alive()} turns false (liveness).
 */
public final class CommandConsumer implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final CommandIntake intake;
    private final Backoff registryBackoff;
    private final Dispatcher<CommandOrigin> dispatcher;
    /** Ends the commands that are never dispatched (UNSUPPORTED) the way the dispatcher ends the others. */
    private final JobCompletion<CommandOrigin> completion;

    private final StatusPublisher publisher;
    private final OffsetTracker tracker;
    private final BufferBounds buffer;
    private final Duration commitInterval;
    private final Duration grace;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<TopicPartition, Long> retryAtNanos = new HashMap<>();
    private final Map<TopicPartition, Integer> retryAttempts = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom();
    private final JobTracing tracing = new JobTracing(Tracing.current("io.chatsignals.worker"));
    private volatile boolean running = true;
    private volatile boolean abandoned;
    private volatile boolean died;
    private volatile int pausedPartitions;
    private boolean overloaded;

    public CommandConsumer(
            Consumer<byte[], byte[]> consumer,
            String topic,
            CommandIntake intake,
            Dispatcher<CommandOrigin> dispatcher,
            JobCompletion<CommandOrigin> completion,
            StatusPublisher publisher,
            OffsetTracker tracker,
            BufferBounds buffer,
            Backoff registryBackoff,
            Duration commitInterval,
            Duration grace) {
        this.consumer = consumer;
        this.topic = topic;
        this.intake = intake;
        this.dispatcher = dispatcher;
        this.completion = completion;
        this.publisher = publisher;
        this.tracker = tracker;
        this.buffer = buffer;
        this.registryBackoff = registryBackoff;
        this.commitInterval = commitInterval;
        this.grace = grace;
    }

    /** @return how many partitions are paused now (backpressure or a registry backoff) */
    public int pausedPartitions() {
        return pausedPartitions;
    }

    /** @return false once the loop stopped by an unexpected error (liveness); true while it runs or was stopped on purpose */
    public boolean alive() {
        return !died;
    }

    /** @return whether the loop is running (readiness) */
    public boolean running() {
        return running && !died && stopped.getCount() > 0;
    }

    @Override
    public void run() {
        long lastCommit = System.nanoTime();
        try {
            consumer.subscribe(List.of(topic), this);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                Set<TopicPartition> sought = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (!sought.contains(tp) && !handle(tp, record)) {
                        sought.add(tp); // sought back: the rest of this batch comes again
                    }
                }
                tracker.rewinds(Math.max(1, buffer.laneQuota() / 2)).forEach(consumer::seek);
                applyPauses();
                if (System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
                    commitAsync();
                    lastCommit = System.nanoTime();
                }
            }
            if (!abandoned) {
                onPartitionsRevoked(consumer.assignment());
            }
        } catch (WakeupException e) {
            if (!abandoned) {
                onPartitionsRevoked(consumer.assignment()); // close() during poll
            }
        } catch (RuntimeException e) {
            died = true;
            LOG.error("command consumer stopped by an unexpected error; liveness fails", e);
        } finally {
            if (!abandoned) {
                consumer.close();
            }
            stopped.countDown();
        }
    }

    /** @return false when the partition was sought back to this record (retry later), true otherwise */
    private boolean handle(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        tracker.fetched(tp, record.offset());
        OffsetTracker.Disposition disposition = tracker.peek(tp, record.offset(), buffer.laneQuota());
        if (disposition != OffsetTracker.Disposition.PROCESS) {
            return true;
        }
        CommandIntake.Decoded decoded;
        try {
            decoded = intake.decode(record);
        } catch (RuntimeException e) {
            decoded = new CommandIntake.Decoded(null, "internal: " + e);
        }
        if (decoded.retry()) {
            int attempt = retryAttempts.merge(tp, 1, Integer::sum);
            long wait = registryBackoff.next(attempt, random).toMillis() + 100;
            LOG.warn(
                    "command {}@{} waits {} ms for the registry (attempt {}): {}",
                    tp,
                    record.offset(),
                    wait,
                    attempt,
                    decoded.rejection());
            consumer.seek(tp, record.offset());
            retryAtNanos.put(tp, System.nanoTime() + wait * 1_000_000L);
            return false;
        }
        retryAttempts.remove(tp);
        if (decoded.command() == null) {
            LOG.warn(
                    "command {}@{} to the DLQ: {}",
                    tp,
                    record.offset(),
                    decoded.rejection()); // record values escaped by the intake
            tracker.admit(tp, record.offset(), "dlq");
            publisher.deadLetter(record, decoded.rejection());
            return true;
        }
        ChatCommand command = decoded.command();
        Job<CommandOrigin> job = new Job<>(command, new CommandOrigin(tp, record.offset()));
        job.traced(tracing.process(record.headers(), command, tp.topic()));
        if (tracker.mustPark(tp, record.offset(), job.lane(), buffer.laneQuota())) {
            tracker.park(tp, record.offset(), job.lane());
            return true;
        }
        tracker.admit(tp, record.offset(), job.lane());
        if (!ProviderSpecs.of(command.getProvider())
                .supports(command.getChannel(), command.getAction(), command.getAppId())) {
            completion.complete(job, Outcome.UNSUPPORTED);
        } else {
            dispatcher.submit(job);
        }
        return true;
    }

    private void applyPauses() {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> wanted = new HashSet<>();
        int inMemory = tracker.inMemory();
        overloaded = inMemory >= buffer.maxBuffered() || overloaded && inMemory > buffer.maxBuffered() / 2;
        if (overloaded) {
            wanted.addAll(assigned);
        }
        if (tracker.parked() >= buffer.maxParked()) {
            wanted.addAll(tracker.withParked());
        }
        long now = System.nanoTime();
        retryAtNanos.entrySet().removeIf(e -> e.getValue() <= now || !assigned.contains(e.getKey()));
        wanted.addAll(retryAtNanos.keySet());
        wanted.retainAll(assigned);
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> resume = new HashSet<>(paused);
        resume.removeAll(wanted);
        wanted.removeAll(paused);
        if (!wanted.isEmpty()) {
            consumer.pause(wanted);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        pausedPartitions = consumer.paused().size();
    }

    private void commitAsync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit(null);
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    tracker.commitFailed(offsets);
                    LOG.warn("offset commit failed (sent again with the next commit): {}", e.toString());
                }
            });
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        for (TopicPartition tp : partitions) {
            try {
                tracker.restore(tp, committed.get(tp));
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "committed metadata of {} unreadable ({}): its records from the committed offset are all run",
                        tp,
                        e.getMessage());
                tracker.restore(tp, null);
            }
        }
        LOG.info("assigned {}", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        for (Job<CommandOrigin> dropped : dispatcher
                .dropQueued(partitions)
                .toCompletionStage()
                .toCompletableFuture()
                .join()) {
            CommandOrigin origin = dropped.origin();
            tracker.unload(origin.partition(), origin.offset()); // unfinished: the next owner runs it
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (tracker.inMemory(partitions) > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit(partitions);
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets);
            } catch (RuntimeException e) {
                LOG.warn("final commit of {} failed: {}", partitions, e.toString());
            }
        }
        int left = tracker.inMemory(partitions);
        if (left > 0) {
            LOG.info(
                    "released {} commands still in flight on {} to their next owner after a grace of {} ms",
                    left,
                    partitions,
                    grace.toMillis());
        }
        dispatcher.release(partitions).toCompletionStage().toCompletableFuture().join();
        tracker.forget(partitions);
        partitions.forEach(retryAtNanos::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        dispatcher.release(partitions).toCompletionStage().toCompletableFuture().join();
        tracker.forget(partitions);
        partitions.forEach(retryAtNanos::remove);
    }

    /** Stops fetching, finishes or releases in-flight work within the grace period, commits, closes; waits for it. */
    public void close() {
        if (abandoned) {
            consumer.close(
                    CloseOptions.timeout(Duration.ZERO)); // after abandon(): only release the client's own threads
            return;
        }
        running = false;
        consumer.wakeup();
        awaitStopped();
    }

    /** Stops the loop without committing or leaving the group, as a crashed process would (tests of failover). */
    public void abandon() {
        abandoned = true;
        running = false;
        consumer.wakeup();
        awaitStopped();
    }

    private void awaitStopped() {
        try {
            stopped.await(grace.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
