package io.chatsignals.worker.kafka;

import io.chatsignals.providers.Capabilities;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.worker.dispatch.Dispatcher;
import io.chatsignals.worker.dispatch.Job;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The poll loop on its own thread (DESIGN.md execution rules 1, 2, 10): hands commands to the {@link Dispatcher}
 * (undecodable or invalid ones to the DLQ; those a channel cannot take straight to an UNSUPPORTED status), commits only what the {@link OffsetTracker} says is finished, pauses every
 * partition while more than {@code maxBuffered} commands are unfinished (backpressure) and resumes below half of it.
 * On revocation and on {@link #close()}: stop fetching, give in-flight work of the revoked partitions up to
 * {@code grace} to finish, commit, release the rest, then (on close) close the consumer.
 */
public final class CommandConsumer implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final CommandIntake intake;
    private final Dispatcher dispatcher;
    private final StatusPublisher publisher;
    private final OffsetTracker tracker;
    private final int maxBuffered;
    private final Duration commitInterval;
    private final Duration grace;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean abandoned;
    private volatile int pausedPartitions;

    public CommandConsumer(Consumer<byte[], byte[]> consumer, String topic, CommandIntake intake, Dispatcher dispatcher,
                           StatusPublisher publisher, OffsetTracker tracker, int maxBuffered, Duration commitInterval, Duration grace) {
        this.consumer = consumer;
        this.topic = topic;
        this.intake = intake;
        this.dispatcher = dispatcher;
        this.publisher = publisher;
        this.tracker = tracker;
        this.maxBuffered = maxBuffered;
        this.commitInterval = commitInterval;
        this.grace = grace;
    }

    /** @return how many partitions are paused for backpressure now */
    public int pausedPartitions() {
        return pausedPartitions;
    }

    @Override
    public void run() {
        long lastCommit = System.nanoTime();
        try {
            consumer.subscribe(List.of(topic), this);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handle(record);
                }
                applyBackpressure();
                if (System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
                    var offsets = tracker.toCommit(null);
                    if (!offsets.isEmpty()) {
                        consumer.commitAsync(offsets, (o, e) -> {
                            if (e != null) {
                                LOG.warn("offset commit failed (retried with the next one): {}", e.toString());
                            }
                        });
                    }
                    lastCommit = System.nanoTime();
                }
            }
            if (!abandoned) {
                onPartitionsRevoked(consumer.assignment());
            }
        } catch (WakeupException e) {
            // close() or abandon() during poll
            if (!abandoned) {
                onPartitionsRevoked(consumer.assignment());
            }
        } catch (RuntimeException e) {
            LOG.error("command consumer stopped by an unexpected error", e);
        } finally {
            if (!abandoned) {
                consumer.close();
            }
            stopped.countDown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        tracker.track(tp, record.offset());
        CommandIntake.Decoded decoded = intake.decode(record);
        if (decoded.command() == null) {
            LOG.warn("command {}@{} to the DLQ: {}", tp, record.offset(), decoded.rejection()); // record values escaped by the intake
            publisher.deadLetter(record, decoded.rejection());
        } else if (!Capabilities.supports(decoded.command().getProvider(), decoded.command().getChannel(), decoded.command().getAction(),
                decoded.command().getAppId())) {
            publisher.publish(new Job(decoded.command(), tp, record.offset()), Outcome.UNSUPPORTED, Enrichment.NOT_APPLICABLE, null);
        } else {
            dispatcher.submit(new Job(decoded.command(), tp, record.offset()));
        }
    }

    private void applyBackpressure() {
        int buffered = tracker.pendingTotal();
        if (pausedPartitions == 0 && buffered >= maxBuffered) {
            consumer.pause(consumer.assignment());
            pausedPartitions = consumer.paused().size();
        } else if (pausedPartitions > 0 && buffered <= maxBuffered / 2) {
            consumer.resume(consumer.paused());
            pausedPartitions = 0;
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (tracker.pending(partitions) > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        var offsets = tracker.toCommit(partitions);
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets);
            } catch (RuntimeException e) {
                LOG.warn("final commit of {} failed: {}", partitions, e.toString());
            }
        }
        int left = tracker.pending(partitions);
        if (left > 0) {
            LOG.info("released {} unfinished commands of {} to their next owner after a grace of {} ms", left, partitions, grace.toMillis());
        }
        dispatcher.release(partitions).toCompletionStage().toCompletableFuture().join();
        tracker.forget(partitions);
        pausedPartitions = 0;
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        dispatcher.release(partitions).toCompletionStage().toCompletableFuture().join();
        tracker.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.info("assigned {}", partitions);
    }

    /** Stops fetching, finishes or releases in-flight work within the grace period, commits, closes; waits for it. */
    public void close() {
        if (abandoned) {
            consumer.close(Duration.ZERO); // after abandon(): only release the client's own threads
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
