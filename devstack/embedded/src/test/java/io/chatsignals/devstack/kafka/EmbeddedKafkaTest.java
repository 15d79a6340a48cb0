package io.chatsignals.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void restartOnTheSameLogDirKeepsTopicsRecordsAndCommittedOffsets(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startIn(dir, Map.of())) {
            String bootstrap = kafka.bootstrapServers();
            assertThat(bootstrap).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1)))
                        .all()
                        .get();
            }
            produce(bootstrap, "kept", "a", "b", "c");
            assertThat(consume(bootstrap, "kept", "g1", 2)).hasSize(2); // commits offsets of what it read

            kafka.restart();

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertThat(admin.describeTopics(List.of("kept"))
                                .allTopicNames()
                                .get()
                                .get("kept")
                                .partitions())
                        .hasSize(2);
            }
            assertThat(consume(bootstrap, "kept", "fresh-group", 3)).containsExactlyInAnyOrder("a", "b", "c");
        }
        assertThat(Files.exists(dir.resolve("kraft-combined-logs")))
                .as("a caller's log dir is kept")
                .isTrue();
    }

    @Test
    void closeReleasesThePortThreadsAndTemporaryDirectory() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EmbeddedKafka kafka = EmbeddedKafka.startTemporary(Map.of());
        Path dir = kafka.dataDir();
        int port = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
        produce(kafka.bootstrapServers(), "t", "x");

        kafka.close();

        assertThat(kafka.isRunning()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 500))
                .isInstanceOf(IOException.class);
        awaitNoNewNonDaemonThreads(before);
    }

    private static void awaitNoNewNonDaemonThreads(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = List.of();
        while (System.nanoTime() < deadline) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                    .map(Thread::getName)
                    .collect(Collectors.toList());
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(left).as("non-daemon threads left running after close").isEmpty();
    }

    static void produce(String bootstrap, String topic, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v, v));
            }
            producer.flush();
        }
    }

    static List<String> consume(String bootstrap, String topic, String group, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        count),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            consumer.commitSync();
        }
        return values;
    }
}
