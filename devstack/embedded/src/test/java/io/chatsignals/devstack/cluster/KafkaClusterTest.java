package io.chatsignals.devstack.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three-node cluster behaves as a replicated Kafka cluster does: topics get three replicas and
 * {@code min.insync.replicas=2}, acknowledged writes survive the SIGKILL of their leader, a SIGTERM moves leaderships
 * away before the node exits, and a cut-off node loses its leaderships while writes go on without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaClusterTest {
    private KafkaCluster cluster;

    @BeforeAll
    void start() {
        cluster = KafkaCluster.start(Map.of());
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void topicsGetThreeReplicasAndTwoInSyncReplicasByDefault() throws Exception {
        String topic = topic();
        try (Admin admin = admin()) {
            TopicDescription d =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(d.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.replicas())
                    .hasSize(3));
            String minIsr = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next()
                    .get("min.insync.replicas")
                    .value();
            assertThat(minIsr).isEqualTo("2");
        }
        assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
    }

    @Test
    void acknowledgedRecordsSurviveTheKillOfTheirLeader() throws Exception {
        String topic = topic();
        int victim = cluster.leaderOfMost(List.of(topic));
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            sent.addAll(send(producer, topic, 0, 100));
            cluster.kill(victim);
            assertThat(cluster.isRunning(victim)).isFalse();
            sent.addAll(send(producer, topic, 100, 200)); // acks=all: two replicas are left, writes go on
            cluster.start(victim);
            sent.addAll(send(producer, topic, 200, 300));
        }
        cluster.awaitInSync(Duration.ofSeconds(60));
        assertThat(readAll(topic, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aSigtermMovesTheLeadershipsAwayAndTheNodeComesBackOnItsData() throws Exception {
        String topic = topic();
        int node = cluster.leaderOfMost(List.of(topic));
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            sent.addAll(send(producer, topic, 0, 50));
            cluster.stop(node);
            assertThat(cluster.leaderships(List.of(topic)).get(node)).isZero();
            sent.addAll(send(producer, topic, 50, 100));
            cluster.start(node);
        }
        cluster.awaitInSync(Duration.ofSeconds(60));
        assertThat(readAll(topic, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aCutOffNodeLosesItsLeadershipsAndRejoinsOnceHealed() throws Exception {
        String topic = topic();
        int node = cluster.leaderOfMost(List.of(topic));
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            cluster.cut(node);
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> cluster.leaderships(List.of(topic)).get(node) == 0);
                sent.addAll(send(producer, topic, 0, 50));
            } finally {
                cluster.heal(node);
            }
            sent.addAll(send(producer, topic, 50, 100));
        }
        cluster.awaitInSync(Duration.ofSeconds(90));
        assertThat(readAll(topic, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
    }

    private String topic() throws Exception {
        String topic = "cluster-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty())))
                    .all()
                    .get();
        }
        return topic;
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        "true"),
                new StringSerializer(),
                new StringSerializer());
    }

    /** Sends values from to until-1 and waits for each acknowledgement (acks=all). */
    private static List<String> send(KafkaProducer<String, String> producer, String topic, int from, int until)
            throws Exception {
        List<String> values =
                IntStream.range(from, until).mapToObj(i -> "v" + i).toList();
        List<Future<?>> acks = new ArrayList<>();
        for (String v : values) {
            acks.add(producer.send(new ProducerRecord<>(topic, v, v)));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
        return values;
    }

    private List<String> readAll(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= expected;
            });
            // anything beyond the expected count would be a duplicate: read a little longer for it
            await().pollDelay(Duration.ZERO).during(Duration.ofSeconds(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return true;
            });
        }
        return values;
    }
}
