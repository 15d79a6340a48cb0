package io.chatsignals.worker.kafka;

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
import io.chatsignals.worker.dispatch.Job;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A status is published for a command this worker still owns, and never for one whose partition it released. */
class StatusPublisherTest {
    private static final TopicPartition TP = new TopicPartition("chat.commands.v1", 0);
    private static final Map<String, String> REGISTRY = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://status-publisher-test");

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final OffsetTracker tracker = new OffsetTracker();
    private final StatusPublisher publisher;

    StatusPublisherTest() {
        KafkaAvroSerializer<CommandStatus> serializer = new KafkaAvroSerializer<>();
        serializer.configure(REGISTRY, false);
        publisher = new StatusPublisher(producer, serializer, "chat.command-status.v1", "chat.commands.dlq.v1", tracker,
                new WorkerMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    @Test
    void anOwnedCommandGetsItsStatusAndItsOffsetFinishes() {
        tracker.track(TP, 7);
        publisher.publish(new Job(command("u-7"), TP, 7), Outcome.SUCCEEDED, Enrichment.SKIPPED, null);

        assertThat(producer.history()).hasSize(1);
        assertThat(status(producer.history().get(0).value()).getMessageId()).isEqualTo("u-7");
        assertThat(tracker.pending(List.of(TP))).isZero();
        assertThat(tracker.toCommit(null)).containsEntry(TP, new org.apache.kafka.clients.consumer.OffsetAndMetadata(8));
    }

    @Test
    void aCommandWhosePartitionWasReleasedGetsNoStatusHere() {
        tracker.track(TP, 7);
        tracker.forget(List.of(TP)); // revoked after the grace: the next owner redoes it and publishes the one status
        publisher.publish(new Job(command("u-7"), TP, 7), Outcome.SUCCEEDED, Enrichment.ENRICHED, null);

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aReleasedCommandFinishingAfterTheProducerClosedIsDroppedQuietly() {
        tracker.track(TP, 3);
        tracker.forget(List.of(TP));
        producer.close();
        publisher.publish(new Job(command("u-3"), TP, 3), Outcome.SUCCEEDED, Enrichment.SKIPPED, null); // no IllegalStateException

        assertThat(producer.history()).isEmpty();
    }

    private static CommandStatus status(byte[] value) {
        KafkaAvroDeserializer<CommandStatus> d = new KafkaAvroDeserializer<>();
        d.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://status-publisher-test", SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
        return d.deserialize("chat.command-status.v1", value);
    }

    private static ChatCommand command(String umid) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        return ChatCommand.newBuilder().setCommandId("c-" + umid).setAction(CommandAction.MARK_READ).setProvider(Provider.EIGHT_BY_EIGHT)
                .setAccount("acme_support").setChannel("whatsapp").setCustomer("+15551234567").setMessageId(umid).setInboundAt(now)
                .setDecidedAt(now).setNotAfter(now.plusSeconds(60)).setTrigger(Trigger.ON_RECEIPT).build();
    }
}
