package io.chatsignals.worker.kafka;

import io.chatsignals.contract.DlqHeaders;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.ops.LogContext;
import io.chatsignals.ops.LogSafe;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.worker.WorkerMetrics;
import io.chatsignals.worker.complete.StatusSink;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.dispatch.JobTracing;
import io.chatsignals.worker.limits.Backoff;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one {@link CommandStatus} per command to the status topic (key {@code provider:account:customer}) and
 * dead-letter records to the commands DLQ (original key and value; headers {@code chatsignals.dlq.reason},
 * {@code .topic}, {@code .partition}, {@code .offset}). An offset is finished in the {@link OffsetTracker} only once
 * the broker acknowledged what was published for it.
 *
 * <p>The completion path never blocks a Vert.x event loop and never loses a status: {@link #publish} takes the status
 * the completion path made ({@link io.chatsignals.worker.complete.CommandStatuses}) and hands it to this publisher's own thread, where the serializer (which may call the
 * schema registry) and {@code producer.send} (which may block on metadata or a full buffer) run. A status whose
 * serialization fails for a transient reason (registry unreachable) or whose send fails is retried with capped,
 * jittered backoff until the broker acknowledges it, or until its partition is released (its next owner repeats the
 * command and publishes). A fatal producer error (fenced, unauthorized, closed) marks the publisher broken, which
 * fails liveness so that an orchestrator restarts the worker. {@link #warmUp} resolves the status schema at start-up.
 * Thread-safe.
 */
public final class StatusPublisher implements StatusSink<CommandOrigin>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final KafkaAvroSerializer<CommandStatus> serializer;
    private final String statusTopic;
    private final String dlqTopic;
    private final OffsetTracker tracker;
    private final WorkerMetrics metrics;
    private final Backoff retryBackoff;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "status-publisher");
        t.setDaemon(true);
        return t;
    });
    private final SplittableRandom random = new SplittableRandom();
    private volatile boolean schemaResolved;
    private volatile Throwable broken;

    public StatusPublisher(
            Producer<byte[], byte[]> producer,
            KafkaAvroSerializer<CommandStatus> serializer,
            String statusTopic,
            String dlqTopic,
            OffsetTracker tracker,
            WorkerMetrics metrics,
            Backoff retryBackoff) {
        this.producer = producer;
        this.serializer = serializer;
        this.statusTopic = statusTopic;
        this.dlqTopic = dlqTopic;
        this.tracker = tracker;
        this.metrics = metrics;
        this.retryBackoff = retryBackoff;
    }

    /** Resolves (or registers) the status schema in the background, retrying until the registry answers. */
    public void warmUp() {
        submit(() -> resolveSchema(1), 0);
    }

    /** @return whether the status schema is resolved (readiness) */
    public boolean schemaResolved() {
        return schemaResolved;
    }

    /** @return whether the producer is usable: false after a fatal error (liveness) */
    public boolean healthy() {
        return broken == null;
    }

    /**
     * Publishes the status of a finished job, unless its partition was released meanwhile (revoked after the grace,
     * or the worker closed): its next owner redoes the command and publishes the one status. Returns at once.
     */
    @Override
    public void publish(Job<CommandOrigin> job, CommandStatus status) {
        CommandOrigin origin = job.origin();
        if (!tracker.isPending(origin.partition(), origin.offset())) {
            LOG.debug("status of {} not published: the partition was released", origin);
            return;
        }
        ChatCommand c = job.command();
        byte[] key = Keys.conversation(c.getProvider(), c.getAccount(), c.getCustomer())
                .getBytes(StandardCharsets.UTF_8);
        metrics.command(c, status.getOutcome());
        metrics.enrichment(status.getEnrichment());
        Headers headers = JobTracing.finished(job, status.getOutcome());
        submit(() -> serializeAndSend(status, key, headers, origin.partition(), origin.offset(), 1), 0);
    }

    /** Sends an undecodable or invalid command to the DLQ with the reason. Returns at once. */
    public void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(DlqHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DlqHeaders.TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DlqHeaders.PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DlqHeaders.OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        metrics.deadLetter(reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason);
        ProducerRecord<byte[], byte[]> out =
                new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), headers);
        TopicPartition from = new TopicPartition(record.topic(), record.partition());
        submit(() -> send(out, null, from, record.offset(), 1), 0);
    }

    private void resolveSchema(int attempt) {
        try {
            serializer.serialize(statusTopic, sample());
            schemaResolved = true;
        } catch (SerializationException e) {
            LOG.warn(
                    "status schema not resolved yet (attempt {}), retrying: {}",
                    attempt,
                    LogSafe.escape(e.getMessage()));
            submit(() -> resolveSchema(attempt + 1), delay(attempt));
        }
    }

    private void serializeAndSend(
            CommandStatus status, byte[] key, Headers headers, TopicPartition from, long offset, int attempt) {
        try (LogContext ignored = LogContext.command(status.getCommandId(), new String(key, StandardCharsets.UTF_8))) {
            serializeAndSendInContext(status, key, headers, from, offset, attempt);
        }
    }

    private void serializeAndSendInContext(
            CommandStatus status, byte[] key, Headers headers, TopicPartition from, long offset, int attempt) {
        if (!tracker.isPending(from, offset)) {
            return; // released meanwhile: its next owner publishes
        }
        byte[] value;
        try {
            value = serializer.serialize(statusTopic, status);
            schemaResolved = true;
        } catch (SerializationException e) {
            // registry unreachable, or answering errors: not the status's fault; it waits, nothing past it is committed
            LOG.warn(
                    "status of {}@{} not serialized (attempt {}), retrying: {}",
                    from,
                    offset,
                    attempt,
                    LogSafe.escape(e.getMessage()));
            metrics.publishRetry("serialize");
            submit(() -> serializeAndSend(status, key, headers, from, offset, attempt + 1), delay(attempt));
            return;
        }
        send(new ProducerRecord<>(statusTopic, null, key, value, headers), status.getCommandId(), from, offset, 1);
    }

    /** @param commandId the command whose status this is (its log context), or null for a DLQ record */
    private void send(
            ProducerRecord<byte[], byte[]> record, String commandId, TopicPartition from, long offset, int attempt) {
        if (!tracker.isPending(from, offset)) {
            return;
        }
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    tracker.finish(from, offset);
                } else {
                    retrySend(record, commandId, from, offset, attempt, error);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            retrySend(record, commandId, from, offset, attempt, e);
        }
    }

    private void retrySend(
            ProducerRecord<byte[], byte[]> record,
            String commandId,
            TopicPartition from,
            long offset,
            int attempt,
            Throwable error) {
        try (LogContext ignored = commandId == null
                ? null
                : LogContext.command(commandId, new String(record.key(), StandardCharsets.UTF_8))) {
            retrySendInContext(record, commandId, from, offset, attempt, error);
        }
    }

    private void retrySendInContext(
            ProducerRecord<byte[], byte[]> record,
            String commandId,
            TopicPartition from,
            long offset,
            int attempt,
            Throwable error) {
        if (isFatal(error)) {
            broken = error;
            LOG.error(
                    "the status producer is broken ({}): liveness fails so that the worker is restarted",
                    error.toString());
            return;
        }
        LOG.warn(
                "could not publish to {} for {}@{} (attempt {}), retrying: {}",
                record.topic(),
                from,
                offset,
                attempt,
                error.toString());
        metrics.publishRetry("send");
        submit(() -> send(record, commandId, from, offset, attempt + 1), delay(attempt));
    }

    private static boolean isFatal(Throwable error) {
        return error instanceof ProducerFencedException
                || error instanceof AuthorizationException
                || error instanceof AuthenticationException
                || error instanceof UnsupportedVersionException
                || error instanceof IllegalStateException;
    }

    private long delay(int attempt) {
        synchronized (random) {
            return Math.max(10, retryBackoff.next(attempt, random).toMillis());
        }
    }

    private void submit(Runnable task, long delayMs) {
        try {
            thread.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.error("status publishing failed unexpectedly (the offset stays unfinished)", e);
                        }
                    },
                    delayMs,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("publisher closed; not sent (the offset stays unfinished)");
        }
    }

    private static CommandStatus sample() {
        Instant now = Instant.EPOCH;
        return CommandStatus.newBuilder()
                .setCommandId("schema-warm-up")
                .setAction(CommandAction.MARK_READ)
                .setProvider(Provider.UNKNOWN)
                .setAccount("-")
                .setChannel("-")
                .setCustomer("-")
                .setMessageId("-")
                .setInboundAt(now)
                .setDecidedAt(now)
                .setOutcome(Outcome.SUCCEEDED)
                .setAttempts(0)
                .setCompletedAt(now)
                .setEnrichment(Enrichment.NOT_APPLICABLE)
                .build();
    }

    /** Stops the publisher's thread; what it had not sent stays unfinished (repeated by the next owner). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
