package io.chatsignals.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.worker.WorkerMetrics;
import io.chatsignals.worker.complete.CommandStatuses;
import io.chatsignals.worker.dispatch.Job;
import io.chatsignals.worker.limits.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A status is published for a command this worker still owns, and never for one whose partition it released; failed
 * sends and serializations are retried and never finish the offset; a fatal producer error fails liveness.
 */
class StatusPublisherTest {
    private static final TopicPartition TP = new TopicPartition("chat.commands.v1", 0);
    private static final Map<String, String> REGISTRY =
            Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://status-publisher-test");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OffsetTracker tracker = new OffsetTracker(4000);
    private MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private StatusPublisher publisher = publisher(REGISTRY);

    private StatusPublisher publisher(Map<String, String> registry) {
        KafkaAvroSerializer<CommandStatus> serializer = new KafkaAvroSerializer<>();
        serializer.configure(registry, false);
        return new StatusPublisher(
                producer,
                serializer,
                "chat.command-status.v1",
                "chat.commands.dlq.v1",
                tracker,
                new WorkerMetrics(meters),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void anOwnedCommandGetsItsStatusAndItsOffsetFinishes() {
        tracker.admit(TP, 7, "EIGHT_BY_EIGHT:acme_support");
        publish("u-7", 7, Enrichment.SKIPPED);

        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.inMemory() == 0);
        assertThat(producer.history()).hasSize(1);
        assertThat(status(producer.history().get(0).value()).getMessageId()).isEqualTo("u-7");
        assertThat(tracker.toCommit(null)).containsEntry(TP, new OffsetAndMetadata(8, ""));
    }

    @Test
    void aCommandWhosePartitionWasReleasedGetsNoStatusHere() {
        tracker.admit(TP, 7, "EIGHT_BY_EIGHT:acme_support");
        tracker.forget(List.of(TP)); // revoked after the grace: the next owner redoes it and publishes the one status
        publish("u-7", 7, Enrichment.ENRICHED);

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aFailedSendIsRetriedUntilTheBrokerAcknowledgesIt() {
        publishOneWithManualAcks();
        producer.errorNext(new NetworkException("broker gone"));
        assertThat(tracker.isPending(TP, 5)).as("not finished by a failed send").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        producer.completeNext();
        await().atMost(Duration.ofSeconds(10)).until(() -> !tracker.isPending(TP, 5));
        assertThat(publisher.healthy()).isTrue();
        assertThat(meters.counter("chatsignals.publish.retries", "stage", "send")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aFatalProducerErrorFailsLiveness() {
        publishOneWithManualAcks();
        producer.errorNext(new ProducerFencedException("another producer with the same transactional id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.healthy());
        assertThat(tracker.isPending(TP, 5)).isTrue();
    }

    @Test
    void aStatusThatCannotBeSerializedForWantOfTheRegistryWaitsAndIsNotFinished() {
        publisher.close();
        publisher = publisher(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1", "schema.registry.retries", "0"));
        tracker.admit(TP, 9, "EIGHT_BY_EIGHT:acme_support");
        publish("u-9", 9, Enrichment.SKIPPED);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.counter("chatsignals.publish.retries", "stage", "serialize")
                                .count()
                        >= 2);
        assertThat(producer.history()).isEmpty();
        assertThat(tracker.isPending(TP, 9))
                .as("its offset is not committed past")
                .isTrue();
        assertThat(tracker.toCommit(null)).containsEntry(TP, new OffsetAndMetadata(9, "cs1:1:b:AQ"));
    }

    /** Publishes offset 5 through a producer whose sends complete only when the test says; returns once it was sent. */
    private void publish(String umid, long offset, Enrichment enrichment) {
        Job<CommandOrigin> job = new Job<>(command(umid), new CommandOrigin(TP, offset));
        publisher.publish(job, CommandStatuses.of(job, Outcome.SUCCEEDED, enrichment, null, Instant.now()));
    }

    private void publishOneWithManualAcks() {
        producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        publisher.close();
        publisher = publisher(REGISTRY);
        tracker.admit(TP, 5, "EIGHT_BY_EIGHT:acme_support");
        publish("u-5", 5, Enrichment.SKIPPED);
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
    }

    private static CommandStatus status(byte[] value) {
        KafkaAvroDeserializer<CommandStatus> d = new KafkaAvroDeserializer<>();
        d.configure(
                Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL,
                        "mock://status-publisher-test",
                        SerdeConfig.SPECIFIC_AVRO_READER,
                        "true"),
                false);
        return d.deserialize("chat.command-status.v1", value);
    }

    private static ChatCommand command(String umid) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        return ChatCommand.newBuilder()
                .setCommandId("c-" + umid)
                .setAction(CommandAction.MARK_READ)
                .setProvider(Provider.EIGHT_BY_EIGHT)
                .setAccount("acme_support")
                .setChannel("whatsapp")
                .setCustomer("+15551234567")
                .setMessageId(umid)
                .setInboundAt(now)
                .setDecidedAt(now)
                .setNotAfter(now.plusSeconds(60))
                .setTrigger(Trigger.ON_RECEIPT)
                .build();
    }
}
