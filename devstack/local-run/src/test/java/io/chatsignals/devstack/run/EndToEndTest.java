package io.chatsignals.devstack.run;

import static io.chatsignals.devstack.run.fixture.EightByEightFixture.umid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.fixture.EightByEightFixture;
import io.chatsignals.devstack.run.fixture.NxCloudFixture;
import io.chatsignals.devstack.run.traffic.InboundMessages;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The main job end to end on the embedded stack, driven by real-format webhooks: a scripted scenario over both
 * providers produces exactly the expected commands per conversation and exactly one status per command, including
 * while one of the two workers is stopped mid-run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    private static final String ACME = "acme_e2e";
    private static final String FLAKY = "acme_flaky";
    private static final String PHONE = "8613800000077";
    private Stack stack;
    private KafkaProducer<String, SpecificRecord> producer;
    private RecordsSeen seen;

    @BeforeAll
    void start() throws Exception {
        stack = Stack.start(new Stack.Options(
                3,
                2,
                Map.of("read.delay", "3s", "punctuate.interval", "100ms"),
                Map.of("retry.base", "100ms", "retry.max", "500ms", "enrich.max-wait", "5s"),
                Behaviour.none().withLatency(Latency.uniform(5, 40)),
                EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                0,
                86_400,
                Map.of()));
        producer = stack.producer();
        seen = new RecordsSeen(stack.reader(Topics.COMMANDS, Topics.STATUS));
    }

    @AfterAll
    void stop() {
        seen.close();
        producer.close();
        stack.close();
    }

    @Test
    void scriptedScenarioYieldsExactlyTheExpectedCommandsAndOneStatusEach() throws Exception {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        // A: a burst of three, one of them redelivered, then a late older message
        String a1 = EightByEightFixture.webhook(ACME, "+15550000001", "whatsapp", now.minusMillis(300));
        String a2 = EightByEightFixture.webhook(ACME, "+15550000001", "whatsapp", now.minusMillis(200));
        String a3 = EightByEightFixture.webhook(ACME, "+15550000001", "whatsapp", now.minusMillis(100));
        publish(a1);
        publish(a2);
        publish(a3);
        publish(a2); // redelivered webhook
        // B: the agent types right away → TYPING, then the on-receipt read
        String b1 = EightByEightFixture.webhook(ACME, "+15550000002", "whatsapp", now);
        publish(b1);
        // C: sms takes neither action; D: rcs takes typing only
        publish(EightByEightFixture.webhook(ACME, "+15550000003", "sms", now));
        String d1 = EightByEightFixture.webhook(ACME, "rcs-user-4", "rcs", now);
        publish(d1);
        // E: NXCloud, the agent types: the typing call marks it read, so no separate read
        String e1 = NxCloudFixture.webhook(PHONE, "8613900000005", now);
        publish(e1);
        awaitInboundCommitted(); // the agent starts typing once the messages are in: their activity is decided after
        // them
        activity(Provider.EIGHT_BY_EIGHT, ACME, "+15550000002", ActivityKind.AGENT_TYPING);
        activity(Provider.EIGHT_BY_EIGHT, ACME, "rcs-user-4", ActivityKind.AGENT_TYPING);
        activity(Provider.NXCLOUD, PHONE, "8613900000005", ActivityKind.AGENT_TYPING);
        // F: a provider fault window on the read endpoint of one subaccount
        stack.simulator()
                .setBehaviour(stack.simulator()
                        .behaviour()
                        .withFaults(1.0, 0, 0)
                        .onlyFor("8x8.read")
                        .onlyForAccounts(FLAKY));
        String f1 = EightByEightFixture.webhook(FLAKY, "+15550000006", "whatsapp", now);
        publish(f1);
        awaitExplained(
                "two faulted reads of FLAKY",
                Duration.ofSeconds(30),
                () -> stack.simulator().calls().counts().stream()
                                .filter(c ->
                                        c.account().equals(FLAKY) && c.reason().equals("fault-5xx"))
                                .mapToLong(c -> c.count())
                                .sum()
                        >= 2);
        stack.simulator().setBehaviour(stack.simulator().behaviour().withFaults(0, 0, 0));

        awaitExplained("six statuses", Duration.ofSeconds(40), () -> statuses().size() >= 6);
        // late: older than A's latest, after A's read
        publish(EightByEightFixture.webhook(ACME, "+15550000001", "whatsapp", now.minusSeconds(20)));
        // one of the two workers stops mid-run; G and H arrive afterwards
        stack.stopWorker(0);
        String g1 = EightByEightFixture.webhook(ACME, "+15550000007", "whatsapp", Instant.now());
        String h1 = NxCloudFixture.webhook(PHONE, "8613900000008", Instant.now());
        publish(g1);
        publish(h1);

        Map<String, List<String>> expected = Map.of(
                "EIGHT_BY_EIGHT:" + ACME + ":+15550000001", List.of("MARK_READ " + umid(a3)),
                "EIGHT_BY_EIGHT:" + ACME + ":+15550000002", List.of("TYPING " + umid(b1), "MARK_READ " + umid(b1)),
                "EIGHT_BY_EIGHT:" + ACME + ":rcs-user-4", List.of("TYPING " + umid(d1)),
                "NXCLOUD:" + PHONE + ":8613900000005", List.of("TYPING " + NxCloudFixture.messageId(e1)),
                "EIGHT_BY_EIGHT:" + FLAKY + ":+15550000006", List.of("MARK_READ " + umid(f1)),
                "EIGHT_BY_EIGHT:" + ACME + ":+15550000007", List.of("MARK_READ " + umid(g1)),
                "NXCLOUD:" + PHONE + ":8613900000008", List.of("MARK_READ " + NxCloudFixture.messageId(h1)));
        awaitExplained(
                "eight commands and statuses",
                Duration.ofSeconds(60),
                () -> statuses().size() >= 8 && commands().size() >= 8);
        // a quiet period: anything extra (a duplicate, a regressed read) would show now
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> commands().size() == 8 && statuses().size() == 8);
        List<ChatCommand> commands = commands();
        Map<String, List<String>> actual = commands.stream()
                .collect(Collectors.groupingBy(
                        c -> Keys.conversation(c.getProvider(), c.getAccount(), c.getCustomer()),
                        Collectors.mapping(c -> c.getAction() + " " + c.getMessageId(), Collectors.toList())));
        assertThat(actual).isEqualTo(expected);

        List<CommandStatus> statuses = statuses();
        assertThat(statuses)
                .extracting(CommandStatus::getCommandId)
                .as("exactly one status per command")
                .containsExactlyInAnyOrderElementsOf(
                        commands.stream().map(ChatCommand::getCommandId).toList());
        assertThat(statuses).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        assertThat(statuses)
                .filteredOn(s -> s.getProvider() == Provider.NXCLOUD)
                .extracting(CommandStatus::getEnrichment)
                .containsOnly(Enrichment.NOT_APPLICABLE);
        assertThat(statuses)
                .filteredOn(s -> s.getProvider() == Provider.EIGHT_BY_EIGHT)
                .allSatisfy(s -> {
                    assertThat(s.getEnrichment()).isIn(Enrichment.ENRICHED, Enrichment.SKIPPED);
                    assertThat(s.getDetails() == null).isEqualTo(s.getEnrichment() != Enrichment.ENRICHED);
                });
        assertThat(statuses)
                .filteredOn(s -> s.getAccount().equals(FLAKY))
                .singleElement()
                .satisfies(s -> assertThat(s.getAttempts())
                        .as("retried through the fault window")
                        .isGreaterThanOrEqualTo(3));
    }

    /** Waits until streams-app has committed every inbound record published so far ({@link InboundCommitted}). */
    private void awaitInboundCommitted() throws Exception {
        try (InboundCommitted inbound =
                new InboundCommitted(stack, List.of(Topics.INBOUND_8X8, Topics.INBOUND_NXCLOUD))) {
            awaitExplained("inbound records committed by streams-app", Duration.ofSeconds(30), inbound::done);
        }
    }

    /** Awaits a condition; on timeout fails with what the pipeline did so far (commands, statuses, provider calls). */
    private void awaitExplained(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder why = new StringBuilder("no " + what + " within " + atMost + "; streams "
                    + stack.streams().state());
            commands().forEach(c -> why.append("\n  command ")
                    .append(c.getCommandId())
                    .append(' ')
                    .append(c.getAction())
                    .append(' ')
                    .append(c.getAccount())
                    .append(' ')
                    .append(c.getCustomer()));
            statuses().forEach(s -> why.append("\n  status ")
                    .append(s.getCommandId())
                    .append(' ')
                    .append(s.getOutcome())
                    .append(" attempts=")
                    .append(s.getAttempts())
                    .append(' ')
                    .append(s.getEnrichment()));
            stack.simulator().calls().latest(60).forEach(c -> why.append("\n  call ")
                    .append(c));
            throw new AssertionError(why.toString(), e);
        }
    }

    private void publish(String json) throws Exception {
        for (var ack : InboundMessages.publish(stack, producer, json).acks()) {
            ack.get();
        }
    }

    private void activity(Provider provider, String account, String customer, ActivityKind kind) throws Exception {
        producer.send(new ProducerRecord<>(
                        Topics.ACTIVITY,
                        null,
                        ConversationActivity.newBuilder()
                                .setProvider(provider)
                                .setAccount(account)
                                .setCustomer(customer)
                                .setKind(kind)
                                .setOccurredAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                                .build()))
                .get();
    }

    private List<ChatCommand> commands() {
        return seen.of(ChatCommand.class);
    }

    private List<CommandStatus> statuses() {
        return seen.of(CommandStatus.class);
    }
}
