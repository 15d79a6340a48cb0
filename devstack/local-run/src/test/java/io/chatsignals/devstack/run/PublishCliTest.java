package io.chatsignals.devstack.run;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish CLI against a real broker and registry: files and stdin in, records out; bad payloads named, not published. */
@KafkaStack
class PublishCliTest {

    @Test
    void publishesFilesAndStdinAndRejectsBadPayloads(KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path good8x8 = Files.writeString(dir.resolve("a.json"), WebhookMapperTest.sample("8x8-inbound-whatsapp-text.json"));
        Path bad = Files.writeString(dir.resolve("bad.json"), WebhookMapperTest.sample("8x8-inbound-whatsapp-text.json").replace("\"subAccountId\"", "\"sub\""));
        String stdin = WebhookMapperTest.sample("nxcloud-inbound-anonymous-merchant-phone.json") + "\n" + WebhookMapperTest.sample("nxcloud-inbound-text.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PublishCli cli = new PublishCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out), new PrintStream(err));

        int exit = new CommandLine(cli).execute("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url(),
                "--topic-8x8", "cli-" + run + "-8x8", "--topic-nxcloud", "cli-" + run + "-nx", good8x8.toString(), bad.toString(), "-");

        assertThat(exit).as("a rejected payload makes the exit code non-zero").isEqualTo(1);
        assertThat(err.toString()).contains("bad.json").contains("payload.subAccountId is required").contains("nothing published");
        assertThat(out.toString()).contains("published=4 rejected=1");
        List<Object> eightByEight = read(kafka, registry, "cli-" + run + "-8x8", 1);
        assertThat(eightByEight).singleElement().isInstanceOfSatisfying(EightByEightInbound.class,
                m -> assertThat(m.getSubAccountId()).isEqualTo("acme_support"));
        List<Object> nx = read(kafka, registry, "cli-" + run + "-nx", 3);
        assertThat(nx).allMatch(r -> r instanceof NxCloudInbound).hasSize(3);
    }

    @Test
    void allGoodIsExitZero(KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("n.json"), WebhookMapperTest.sample("nxcloud-inbound-text.json"));
        int exit = new CommandLine(new PublishCli(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).execute("--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registry.url(), "--topic-nxcloud", "cli-ok-" + UUID.randomUUID(), file.toString());
        assertThat(exit).isZero();
    }

    private static List<Object> read(KafkaBroker kafka, EmbeddedSchemaRegistry registry, String topic, int count) {
        KafkaAvroDeserializer<Object> values = new KafkaAvroDeserializer<>();
        values.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
        List<Object> out = new ArrayList<>();
        try (KafkaConsumer<byte[], Object> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new ByteArrayDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }
}
