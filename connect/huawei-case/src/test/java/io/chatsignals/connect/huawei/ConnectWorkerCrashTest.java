package io.chatsignals.connect.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.connect.ConnectProcess;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.HuaweiCases;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.providers.HuaweiCase;
import io.chatsignals.schema.HuaweiCaseInbound;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The promise for a crashed Connect worker (docs/operations.md): SIGKILL of a worker process (Kafka's own ConnectStandalone or
 * ConnectDistributed) just after a poll's records reached the topic, under Huawei-side traffic, and a restart on what
 * it had persisted. No message is lost; in standalone mode only messages first emitted within the last offset flush
 * (1 s) and poll interval before the kill come again; with {@code exactly.once.source.support=enabled} in distributed
 * mode, none does ({@code read_committed}, as streams-app reads).
 */
@KafkaStack
class ConnectWorkerCrashTest {
    private static final String DOMAIN = "acme-intl";
    private static final List<String> CASES = List.of("TT1", "TT2", "TT3", "TT4");
    /** Offset flush interval of the standalone worker plus the poll interval, with a margin for the kill itself. */
    private static final long STANDALONE_REPEAT_WINDOW_MS = 1000 + 200 + 500;

    @ParameterizedTest
    @EnumSource(ConnectProcess.Mode.class)
    void aKilledWorkerLosesNoMessageAndRepeatsOnlyWhatItHadNotPersisted(
            ConnectProcess.Mode mode, KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir)
            throws Exception {
        SimulatorConfig config = new SimulatorConfig();
        config.huawei.users = Map.of(DOMAIN, Map.of("ops-bot", "hw-secret"));
        config.huawei.cases = Map.of(DOMAIN, CASES);
        String topic = "huawei-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // the broker stamps each record: when a message first reached the topic, whoever reads it when
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                            .configs(Map.of("message.timestamp.type", "LogAppendTime"))))
                    .all()
                    .get();
        }
        Set<String> written = ConcurrentHashMap.newKeySet();
        Map<String, Long> firstAppendedAt = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (ProviderSimulator simulator = ProviderSimulator.start(config);
                KafkaConsumer<String, HuaweiCaseInbound> consumer = InboundReader.consumer(kafka, registry, topic)) {
            HuaweiCases cases = simulator.huawei();
            AtomicInteger n = new AtomicInteger();
            writer.scheduleAtFixedRate(
                    () -> {
                        int i = n.getAndIncrement();
                        HuaweiCases.Message m =
                                cases.addMessage(CASES.get(i % CASES.size()), 1, "eng-1", "update " + i);
                        written.add(HuaweiCase.messageId(m.caseId(), m.createTime(), m.replier(), m.content()));
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            try (ConnectProcess connect = ConnectProcess.start(
                    mode,
                    kafka.bootstrapServers(),
                    Map.of(
                            "value.converter",
                            "io.chatsignals.connect.ContractAvroConverter",
                            "value.converter.schema.registry.url",
                            registry.url()),
                    "huawei-cases",
                    connectorConfig(simulator.url(), topic, mode),
                    dir,
                    "connect-" + mode.name().toLowerCase())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> read(consumer, firstAppendedAt, copies) >= 40);
                int flowing = written.size(); // 3 s more of traffic: offsets have been flushed or committed since
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> read(consumer, firstAppendedAt, copies) > 0 && written.size() > flowing + 60);
                int before = firstAppendedAt.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> read(consumer, firstAppendedAt, copies) > before);
                long killedAt = System.currentTimeMillis();
                connect.kill();
                connect.restart();
                connect.awaitRunning("huawei-cases", Duration.ofSeconds(120));
                int afterRestart = written.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> written.size() > afterRestart + 40);
                writer.shutdown();
                assertThat(writer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> read(consumer, firstAppendedAt, copies) >= written.size());
                consumer.poll(Duration.ofSeconds(2)).forEach(r -> count(r, firstAppendedAt, copies)); // late repeats

                assertThat(firstAppendedAt.keySet())
                        .as("every message at the topic")
                        .containsAll(written);
                List<String> repeated = copies.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .toList();
                if (mode == ConnectProcess.Mode.DISTRIBUTED_EXACTLY_ONCE) {
                    assertThat(repeated)
                            .as("repeats with exactly-once source support")
                            .isEmpty();
                } else {
                    assertThat(repeated)
                            .as("repeats: only messages first emitted just before the kill")
                            .allSatisfy(id -> assertThat(killedAt - firstAppendedAt.get(id))
                                    .isBetween(0L, STANDALONE_REPEAT_WINDOW_MS));
                }
            }
        } finally {
            writer.shutdownNow();
        }
    }

    /** Polls once; @return how many distinct messages have been seen (first appended at, broker time, by id) */
    private static int read(
            KafkaConsumer<String, HuaweiCaseInbound> consumer,
            Map<String, Long> firstAppendedAt,
            Map<String, Integer> copies) {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> count(r, firstAppendedAt, copies));
        return firstAppendedAt.size();
    }

    private static void count(
            ConsumerRecord<String, HuaweiCaseInbound> r,
            Map<String, Long> firstAppendedAt,
            Map<String, Integer> copies) {
        String id = r.value().getMessageId();
        firstAppendedAt.merge(id, r.timestamp(), Math::min);
        copies.merge(id, 1, Integer::sum);
    }

    private static Map<String, String> connectorConfig(String simulatorUrl, String topic, ConnectProcess.Mode mode) {
        Map<String, String> c = new HashMap<>(Map.of(
                "connector.class",
                HuaweiCaseSourceConnector.class.getName(),
                "tasks.max",
                "2",
                HuaweiCaseSourceConfig.ACCOUNT,
                DOMAIN,
                HuaweiCaseSourceConfig.IAM_USER,
                "ops-bot",
                HuaweiCaseSourceConfig.IAM_PASSWORD,
                "hw-secret",
                HuaweiCaseSourceConfig.IAM_URL,
                simulatorUrl,
                HuaweiCaseSourceConfig.BASE_URL,
                simulatorUrl,
                HuaweiCaseSourceConfig.CASES,
                String.join(",", CASES),
                HuaweiCaseSourceConfig.POLL_INTERVAL,
                "200",
                HuaweiCaseSourceConfig.TOPIC,
                topic));
        return c;
    }
}
