package io.chatsignals.connect.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chatsignals.devstack.connect.EmbeddedConnect;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The source connector on a real Connect worker (standalone, in this JVM), the embedded broker and registry, and the
 * simulator's IAM and polling API: only Huawei's side is emitted, in the contract's Avro, keyed by case; tokens that
 * expire every 2 s are renewed; a restarted worker neither loses nor re-emits a message.
 */
@KafkaStack
class HuaweiCaseConnectorTest {
    private static final String DOMAIN = "acme-intl";
    private ProviderSimulator simulator;
    private EmbeddedConnect connect;
    private KafkaConsumer<String, HuaweiCaseInbound> consumer;

    @AfterEach
    void close() {
        if (connect != null) {
            connect.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void emitsHuaweiSideMessagesOnceAcrossARestartWhileTokensExpire(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) {
        SimulatorConfig config = new SimulatorConfig();
        config.huawei.users = Map.of(DOMAIN, Map.of("ops-bot", "hw-secret"));
        config.huawei.cases = Map.of(DOMAIN, List.of("TT1", "TT2", "TT3"));
        config.huawei.tokenTtlSeconds = 2;
        simulator = ProviderSimulator.start(config);
        HuaweiCases cases = simulator.huawei();
        String topic = "huawei-" + UUID.randomUUID();
        List<HuaweiCases.Message> expected = new ArrayList<>();
        expected.add(cases.addMessage("TT1", 1, "eng-1", "we are looking into it"));
        cases.addMessage("TT1", 0, "customer", "any news?"); // the customer's own: never emitted
        expected.add(cases.addMessage("TT2", 2, "eng-2", "please send the logs"));

        Path offsets = dir.resolve("offsets");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        connect = start(kafka, registry, offsets, topic);
        List<ConsumerRecord<String, HuaweiCaseInbound>> seen = new ArrayList<>();
        consumer = InboundReader.consumer(kafka, registry, topic);
        awaitRecords(seen, 2);

        connect.close(); // a restart: offsets flushed on stop
        connect = null;
        expected.add(cases.addMessage("TT1", 1, "eng-1", "fixed, please check"));
        expected.add(cases.addMessage("TT3", 1, "eng-3", "hello"));
        connect = start(kafka, registry, offsets, topic);
        awaitRecords(seen, 4);
        long tokensBefore = cases.tokensIssued();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cases.tokensIssued() > tokensBefore); // expired mid-run, renewed
        expected.add(cases.addMessage("TT2", 3, "eng-2", "closing soon"));
        awaitRecords(seen, 5);

        assertThat(seen)
                .extracting(r -> r.value().getMessageId())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.stream()
                        .map(m -> HuaweiCase.messageId(m.caseId(), m.createTime(), m.replier(), m.content()))
                        .toList());
        assertThat(seen).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getCaseId());
            assertThat(r.value().getAccount()).isEqualTo(DOMAIN);
            assertThat(r.value().getReplierType()).isBetween(1, 3);
            assertThat(r.value().getGroupId()).isEqualTo("g-1");
        });
        assertThat(connect.status("huawei-cases")).isEqualTo("RUNNING [RUNNING, RUNNING]");
        root.detachAppender(logs);
        assertThat(logs.list).as("Connect and the tasks logged").isNotEmpty();
        assertThat(logs.list)
                .as("the IAM password (a Connect PASSWORD) never reaches a log line")
                .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("hw-secret"));
    }

    /**
     * No cases configured: the connector polls the account's open cases — 120 of them, listed over two pages — and
     * follows the list (refreshed every second here): a case opened later is polled, a closed one is not, and another
     * account's case never is.
     */
    @Test
    void withNoCasesConfiguredPollsTheAccountsOpenCasesAndFollowsTheList(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) {
        SimulatorConfig config = new SimulatorConfig();
        config.huawei.users = Map.of(DOMAIN, Map.of("ops-bot", "hw-secret"));
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            open.add(String.format("TT%03d", i));
        }
        config.huawei.cases = Map.of(DOMAIN, open, "other-account", List.of("OTHER1"));
        simulator = ProviderSimulator.start(config);
        HuaweiCases cases = simulator.huawei();
        String topic = "huawei-" + UUID.randomUUID();
        List<String> expected = new ArrayList<>();
        expected.add(id(cases.addMessage("TT000", 1, "eng-1", "first page")));
        expected.add(id(cases.addMessage("TT119", 1, "eng-2", "second page")));
        cases.addMessage("OTHER1", 1, "eng-9", "another account's case");

        connect = worker(kafka, registry, dir.resolve("offsets"));
        Map<String, String> connector = new HashMap<>(connectorConfig(topic));
        connector.remove(HuaweiCaseSourceConfig.CASES);
        connector.put(HuaweiCaseSourceConfig.CASES_REFRESH, "1000");
        connect.putConnector("huawei-cases", connector);
        List<ConsumerRecord<String, HuaweiCaseInbound>> seen = new ArrayList<>();
        consumer = InboundReader.consumer(kafka, registry, topic);
        awaitRecords(seen, 2);

        cases.openCase(DOMAIN, "TT200");
        cases.closeCase("TT000");
        // the tasks were reconfigured: TT200 is polled, TT000 no more (standalone: the old tasks have stopped by then)
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String polled = connect.taskConfigs("huawei-cases").stream()
                    .map(t -> t.get(HuaweiCaseSourceConfig.CASES) + ",")
                    .reduce("", String::concat);
            return polled.contains("TT200,") && !polled.contains("TT000,");
        });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> connect.status("huawei-cases").startsWith("RUNNING [RUNNING"));
        expected.add(id(cases.addMessage("TT200", 1, "eng-3", "a new case")));
        cases.addMessage("TT000", 1, "eng-1", "written after the case was closed");
        awaitRecords(seen, 3);

        assertThat(seen).extracting(r -> r.value().getMessageId()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen).extracting(ConsumerRecord::key).doesNotContain("OTHER1");
    }

    /**
     * One case Huawei refuses (deleted, not the account's) is parked while the others flow; once it answers again it
     * is polled with them. A message that appears late, older than one already emitted, is emitted too.
     */
    @Test
    void aCaseHuaweiRefusesIsParkedWhileTheOthersFlow(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) {
        SimulatorConfig config = new SimulatorConfig();
        config.huawei.users = Map.of(DOMAIN, Map.of("ops-bot", "hw-secret"));
        config.huawei.cases = Map.of(DOMAIN, List.of("TT1", "TT2", "TT3"));
        simulator = ProviderSimulator.start(config);
        HuaweiCases cases = simulator.huawei();
        cases.refusePolls("TT2");
        String topic = "huawei-" + UUID.randomUUID();
        List<String> expected = new ArrayList<>();
        expected.add(id(cases.addMessage("TT1", 1, "eng-1", "first")));
        HuaweiCases.Message waiting = cases.addMessage("TT2", 1, "eng-2", "in the refused case");
        expected.add(id(cases.addMessage("TT3", 1, "eng-3", "third")));

        Map<String, String> connector = new HashMap<>(connectorConfig(topic));
        connector.put("tasks.max", "1"); // the three cases in one batch: the refusal names no case
        connector.put(HuaweiCaseSourceConfig.PARKED_RECHECK, "1000");
        connect = worker(kafka, registry, dir.resolve("offsets"));
        connect.putConnector("huawei-cases", connector);
        List<ConsumerRecord<String, HuaweiCaseInbound>> seen = new ArrayList<>();
        consumer = InboundReader.consumer(kafka, registry, topic);
        awaitRecords(seen, 2);
        assertThat(connect.status("huawei-cases")).isEqualTo("RUNNING [RUNNING]");
        expected.add(id(cases.addMessage("TT1", 1, "eng-1", "while TT2 is parked")));
        expected.add(id(cases.addMessage("TT1", 1, "eng-1", "appeared late", Duration.ofHours(1))));
        awaitRecords(seen, 4);

        cases.answerPolls("TT2");
        expected.add(id(waiting));
        awaitRecords(seen, 5);
        expected.add(id(cases.addMessage("TT2", 1, "eng-2", "answered again")));
        awaitRecords(seen, 6);
        assertThat(seen).extracting(r -> r.value().getMessageId()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(connect.status("huawei-cases")).isEqualTo("RUNNING [RUNNING]");
    }

    /**
     * A closed ticket is the normal end of a support case, never a task's failure, whatever the split: with one case
     * per task, the task of a case that is closed keeps running (its case parked), and once the case is opened again
     * its new messages are emitted.
     */
    @Test
    void aClosedCaseNeverFailsItsTaskEvenWhenItIsTheTasksOnlyCase(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) {
        SimulatorConfig config = new SimulatorConfig();
        config.huawei.users = Map.of(DOMAIN, Map.of("ops-bot", "hw-secret"));
        config.huawei.cases = Map.of(DOMAIN, List.of("TT1", "TT2", "TT3", "TT4"));
        simulator = ProviderSimulator.start(config);
        HuaweiCases cases = simulator.huawei();
        String topic = "huawei-" + UUID.randomUUID();
        Map<String, String> connector = new HashMap<>(connectorConfig(topic));
        connector.put("tasks.max", "4");
        connector.put(HuaweiCaseSourceConfig.CASES, "TT1,TT2,TT3,TT4");
        connector.put(HuaweiCaseSourceConfig.PARKED_RECHECK, "1000");
        connect = worker(kafka, registry, dir.resolve("offsets"));
        connect.putConnector("huawei-cases", connector);
        List<String> expected = new ArrayList<>();
        for (String c : List.of("TT1", "TT2", "TT3", "TT4")) {
            expected.add(id(cases.addMessage(c, 1, "eng-1", "before " + c + " closed")));
        }
        List<ConsumerRecord<String, HuaweiCaseInbound>> seen = new ArrayList<>();
        consumer = InboundReader.consumer(kafka, registry, topic);
        awaitRecords(seen, 4);

        cases.closeCase("TT2");
        expected.add(id(cases.addMessage("TT1", 1, "eng-1", "while TT2 is closed")));
        awaitRecords(seen, 5);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> connect.status("huawei-cases")
                .equals("RUNNING [RUNNING, RUNNING, RUNNING, RUNNING]"));

        cases.openCase(DOMAIN, "TT2");
        for (int i = 0; i < 3; i++) {
            expected.add(id(cases.addMessage("TT2", 1, "eng-2", "re-opened " + i)));
        }
        awaitRecords(seen, 8);
        assertThat(seen).extracting(r -> r.value().getMessageId()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(connect.status("huawei-cases")).isEqualTo("RUNNING [RUNNING, RUNNING, RUNNING, RUNNING]");
    }

    /**
     * A refusal every call would meet fails the task with a message that says which setting to check (and no secret):
     * told apart by Huawei's answer (IAM's 401, the service's 404), not by how many cases are refused.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            wrong password | wrong-secret | -     | IAM refused the token request of user ops-bot
            wrong base URL | hw-secret    | /nope | refused the task's configuration (HTTP 404
            """)
    void aRefusalEveryCallWouldMeetFailsTheTaskSayingWhich(
            String what,
            String password,
            String basePath,
            String message,
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            @TempDir Path dir) {
        SimulatorConfig config = new SimulatorConfig();
        config.huawei.users = Map.of(DOMAIN, Map.of("ops-bot", "hw-secret"));
        config.huawei.cases = Map.of(DOMAIN, List.of("TT1", "TT2"));
        simulator = ProviderSimulator.start(config);
        Map<String, String> connector = new HashMap<>(connectorConfig("huawei-" + UUID.randomUUID()));
        connector.put("tasks.max", "1");
        connector.put(HuaweiCaseSourceConfig.CASES, "TT1,TT2");
        connector.put(HuaweiCaseSourceConfig.IAM_PASSWORD, password);
        if (!basePath.equals("-")) {
            connector.put(HuaweiCaseSourceConfig.BASE_URL, simulator.url() + basePath);
        }
        connect = worker(kafka, registry, dir.resolve("offsets"));
        connect.putConnector("huawei-cases", connector);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> connect.status("huawei-cases").equals("RUNNING [FAILED]"));
        assertThat(connect.taskTraces("huawei-cases"))
                .singleElement()
                .asString()
                .contains(message)
                .doesNotContain(password);
    }

    private static String id(HuaweiCases.Message m) {
        return HuaweiCase.messageId(m.caseId(), m.createTime(), m.replier(), m.content());
    }

    private void awaitRecords(List<ConsumerRecord<String, HuaweiCaseInbound>> seen, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.size() >= count;
        });
        consumer.poll(Duration.ofSeconds(2)).forEach(seen::add); // and nothing more arrives meanwhile
        assertThat(seen).hasSize(count);
    }

    private EmbeddedConnect start(KafkaBroker kafka, EmbeddedSchemaRegistry registry, Path offsets, String topic) {
        EmbeddedConnect c = worker(kafka, registry, offsets);
        c.putConnector("huawei-cases", connectorConfig(topic));
        return c;
    }

    /** A standalone worker writing the contract's Avro, its offsets in {@code offsets}, no connector yet. */
    private static EmbeddedConnect worker(KafkaBroker kafka, EmbeddedSchemaRegistry registry, Path offsets) {
        return EmbeddedConnect.start(
                kafka.bootstrapServers(),
                offsets,
                Map.of(
                        "value.converter",
                        "io.chatsignals.connect.ContractAvroConverter",
                        "value.converter.schema.registry.url",
                        registry.url()));
    }

    private Map<String, String> connectorConfig(String topic) {
        return Map.ofEntries(
                Map.entry("connector.class", HuaweiCaseSourceConnector.class.getName()),
                Map.entry("tasks.max", "2"),
                Map.entry(HuaweiCaseSourceConfig.ACCOUNT, DOMAIN),
                Map.entry(HuaweiCaseSourceConfig.IAM_USER, "ops-bot"),
                Map.entry(HuaweiCaseSourceConfig.IAM_PASSWORD, "hw-secret"),
                Map.entry(HuaweiCaseSourceConfig.IAM_URL, simulator.url()),
                Map.entry(HuaweiCaseSourceConfig.BASE_URL, simulator.url()),
                Map.entry(HuaweiCaseSourceConfig.CASES, "TT1,TT2,TT3"),
                Map.entry(HuaweiCaseSourceConfig.GROUP_ID, "g-1"),
                Map.entry(HuaweiCaseSourceConfig.POLL_INTERVAL, "200"),
                Map.entry(HuaweiCaseSourceConfig.TOPIC, topic));
    }
}
