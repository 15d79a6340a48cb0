package io.chatsignals.worker.kafka;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.Outcome;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.worker.WorkerMetrics;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.provider.ProviderResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Publishes one {@link CommandStatus} per command to the status topic (key {@code provider:account:customer}) and
 * dead-letter records to the commands DLQ (original key and value; headers {@code chatsignals.dlq.reason},
 * {@code .topic}, {@code .partition}, {@code .offset}); an offset is finished in the {@link OffsetTracker} only once
 * the broker acknowledged what was published for it. Thread-safe.
 */
public final class StatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final KafkaAvroSerializer<CommandStatus> serializer;
    private final String statusTopic;
    private final String dlqTopic;
    private final OffsetTracker tracker;
    private final WorkerMetrics metrics;
    private final Clock clock;

    public StatusPublisher(Producer<byte[], byte[]> producer, KafkaAvroSerializer<CommandStatus> serializer, String statusTopic,
                           String dlqTopic, OffsetTracker tracker, WorkerMetrics metrics, Clock clock) {
        this.producer = producer;
        this.serializer = serializer;
        this.statusTopic = statusTopic;
        this.dlqTopic = dlqTopic;
        this.tracker = tracker;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Publishes the status of a finished job, unless its partition was released meanwhile (revoked after the grace,
     * or the worker closed): its next owner redoes the command and publishes the one status, so nothing is sent here.
     */
    public void publish(Job job, Outcome outcome, Enrichment enrichment, MessageDetails details) {
        if (!tracker.isPending(job.partition(), job.offset())) {
            LOG.debug("status of {}@{} not published: the partition was released", job.partition(), job.offset());
            return;
        }
        ChatCommand c = job.command();
        ProviderResult last = job.last();
        boolean failed = outcome == Outcome.FAILED;
        CommandStatus status = CommandStatus.newBuilder()
                .setCommandId(c.getCommandId()).setAction(c.getAction()).setProvider(c.getProvider()).setAccount(c.getAccount())
                .setChannel(c.getChannel()).setCustomer(c.getCustomer()).setMessageId(c.getMessageId()).setInboundAt(c.getInboundAt())
                .setDecidedAt(c.getDecidedAt()).setOutcome(outcome).setAttempts(job.attempts())
                .setHttpStatus(last == null ? null : last.httpStatus())
                .setErrorCode(failed && last != null ? last.code() : null)
                .setErrorMessage(failed && last != null ? last.message() : outcome == Outcome.EXPIRED ? "notAfter passed before sending" : null)
                .setErrorId(failed && last != null ? last.errorId() : null)
                .setFirstAttemptAt(job.firstAttemptAt()).setCompletedAt(clock.instant())
                .setEnrichment(enrichment).setDetails(details).build();
        String key = c.getProvider() + ":" + c.getAccount() + ":" + c.getCustomer();
        byte[] value = serializer.serialize(statusTopic, status);
        metrics.command(c, outcome);
        metrics.enrichment(enrichment);
        send(new ProducerRecord<>(statusTopic, key.getBytes(StandardCharsets.UTF_8), value), job.partition(), job.offset());
    }

    /** Sends an undecodable or invalid command to the DLQ with the reason. */
    public void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("chatsignals.dlq.reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("chatsignals.dlq.topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("chatsignals.dlq.partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("chatsignals.dlq.offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        metrics.deadLetter(reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason);
        send(new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), headers),
                new org.apache.kafka.common.TopicPartition(record.topic(), record.partition()), record.offset());
    }

    private void send(ProducerRecord<byte[], byte[]> record, org.apache.kafka.common.TopicPartition from, long offset) {
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                tracker.finish(from, offset);
            } else {
                // left unfinished: the offset is not committed and the command is redone after a restart
                LOG.error("could not publish to {} for {}@{}: {}", record.topic(), from, offset, error.toString());
            }
        });
    }
}
