package io.chatsignals.devstack.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.fixture.HuaweiCaseFixture;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.HuaweiCases;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.providers.HuaweiCase;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Huawei cases end to end on the embedded stack (issue 13): engineers' messages written into the simulator's case
 * threads are polled by the source connector on a real Connect worker, decided by streams-app under each read policy
 * and marked read by a worker, while IAM tokens expire every 3 s, a password change revokes them mid-run, and the
 * Connect worker restarts. Every Huawei-side message reaches the inbound topic exactly once; the customer's never does.
 */
class HuaweiEndToEndTest {
    private static final String A = HuaweiCaseFixture.caseId(0);
    private static final String B = HuaweiCaseFixture.caseId(1);

    private Stack stack;
    private KafkaProducer<String, SpecificRecord> producer;
    private RecordsSeen seen;

    @ParameterizedTest(name = "read.policy={0}")
    @ValueSource(strings = {"on-receipt", "on-agent-view", "off"})
    void casesAreMarkedReadPerPolicyAcrossTokenExpiryRevocationAndAConnectorRestart(String policy) throws Exception {
        stack = Stack.start(new Stack.Options(
                3,
                1,
                Map.of("read.policy", policy, "read.delay", "1s", "punctuate.interval", "100ms"),
                Map.of("huawei-case.iam.refresh-ahead", "1s", "retry.base", "100ms", "retry.max", "500ms"),
                Behaviour.none().withLatency(Latency.uniform(5, 30)),
                EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                2,
                3,
                Map.of()));
        try {
            open();
            HuaweiCases cases = stack.simulator().huawei();
            List<HuaweiCases.Message> written = new ArrayList<>();
            // case A: the customer asks, two engineers answer in a burst; case B: one answer
            cases.addMessage(A, 0, "customer", "any news?");
            written.add(cases.addMessage(A, 1, "eng-1", "we are looking into it"));
            written.add(cases.addMessage(A, 2, "eng-2", "please send the logs"));
            written.add(cases.addMessage(B, 1, "eng-3", "the fix is deployed"));
            awaitExplained(
                    "the three engineer messages on the inbound topic",
                    () -> inbound().size() >= 3);
            if (policy.equals("on-agent-view")) {
                view(A); // B is never viewed in this round
            }
            // expected reads as "case → the ids it may name": a case's newest messages (create_time has whole seconds,
            // so a
            // burst may share its second; the case is marked read as a whole either way)
            List<Map.Entry<String, Set<String>>> round1 =
                    switch (policy) {
                        case "on-receipt" -> List.of(newest(written, A), newest(written, B));
                        case "on-agent-view" -> List.of(newest(written, A));
                        default -> List.of();
                    };
            awaitExplained(
                    "round 1 commands and statuses",
                    () -> commands().size() >= round1.size() && statuses().size() >= round1.size());

            long issuedBefore = cases.tokensIssued();
            awaitExplained("tokens expired and renewed", () -> cases.tokensIssued() >= issuedBefore + 2);
            cases.revokeTokens(
                    HuaweiCaseFixture.DOMAIN); // a password change: every token of the account must be updated
            stack.restartConnect();
            written.add(cases.addMessage(A, 1, "eng-1", "logs received, thank you"));
            written.add(cases.addMessage(B, 1, "eng-3", "closing the case tomorrow"));
            awaitExplained("the new messages after the restart", () -> inbound().size() >= 5);
            if (policy.equals("on-agent-view")) {
                view(B);
            }
            List<Map.Entry<String, Set<String>>> expected = new ArrayList<>(round1);
            switch (policy) {
                case "on-receipt" -> expected.addAll(List.of(newest(written, A), newest(written, B)));
                case "on-agent-view" -> expected.add(newest(written, B));
                default -> {}
            }
            awaitExplained(
                    expected.size() + " commands and statuses",
                    () -> commands().size() >= expected.size() && statuses().size() >= expected.size());
            // a quiet period: a re-emitted message, a duplicate command or a late extra read would show now
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> inbound().size() == 5
                            && commands().size() == expected.size()
                            && statuses().size() == expected.size());

            assertThat(inbound())
                    .extracting(HuaweiCaseInbound::getMessageId)
                    .as("each engineer message once, the customer's never")
                    .containsExactlyInAnyOrderElementsOf(
                            written.stream().map(HuaweiEndToEndTest::id).toList());
            assertThat(commands())
                    .extracting(ChatCommand::getCustomer)
                    .containsExactlyInAnyOrderElementsOf(
                            expected.stream().map(Map.Entry::getKey).toList());
            assertThat(commands()).allSatisfy(c -> assertThat(expected)
                    .as("a read of a newest message of its case, at its time")
                    .anySatisfy(e -> {
                        assertThat(e.getKey()).isEqualTo(c.getCustomer());
                        assertThat(e.getValue()).contains(c.getMessageId());
                    }));
            assertThat(commands()).allSatisfy(c -> {
                assertThat(c.getProvider()).isEqualTo(Provider.HUAWEI_CASE);
                assertThat(c.getAction()).isEqualTo(CommandAction.MARK_READ);
                assertThat(c.getAccount()).isEqualTo(HuaweiCaseFixture.DOMAIN);
            });
            assertThat(statuses())
                    .extracting(CommandStatus::getCommandId)
                    .containsExactlyInAnyOrderElementsOf(
                            commands().stream().map(ChatCommand::getCommandId).toList());
            assertThat(statuses()).allSatisfy(s -> {
                assertThat(s.getOutcome())
                        .as("%s: %s", s.getCustomer(), s.getErrorMessage())
                        .isEqualTo(Outcome.SUCCEEDED);
                assertThat(s.getEnrichment()).isEqualTo(Enrichment.NOT_APPLICABLE);
            });
            long reads = expected.stream().filter(e -> e.getKey().equals(A)).count();
            assertThat(cases.readMarks(A))
                    .as("mark-read calls received by case A")
                    .isEqualTo((int) reads);
        } finally {
            close();
        }
    }

    private void open() {
        producer = stack.producer();
        seen = new RecordsSeen(stack.reader(Topics.INBOUND_HUAWEI_CASE, Topics.COMMANDS, Topics.STATUS));
    }

    private void close() {
        if (seen != null) {
            seen.close();
        }
        if (producer != null) {
            producer.close();
        }
        stack.close();
    }

    private void view(String caseId) throws Exception {
        producer.send(new ProducerRecord<>(
                        Topics.ACTIVITY,
                        Keys.conversation(Provider.HUAWEI_CASE, HuaweiCaseFixture.DOMAIN, caseId),
                        ConversationActivity.newBuilder()
                                .setProvider(Provider.HUAWEI_CASE)
                                .setAccount(HuaweiCaseFixture.DOMAIN)
                                .setCustomer(caseId)
                                .setKind(ActivityKind.AGENT_VIEWED)
                                .setOccurredAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                                .build()))
                .get();
    }

    /** @return the case and the ids of its newest messages written so far (those of the latest create_time) */
    private static Map.Entry<String, Set<String>> newest(List<HuaweiCases.Message> written, String caseId) {
        String latest = written.stream()
                .filter(m -> m.caseId().equals(caseId))
                .map(HuaweiCases.Message::createTime)
                .max(String::compareTo)
                .orElseThrow();
        return Map.entry(
                caseId,
                written.stream()
                        .filter(m -> m.caseId().equals(caseId) && m.createTime().equals(latest))
                        .map(HuaweiEndToEndTest::id)
                        .collect(Collectors.toSet()));
    }

    private static String id(HuaweiCases.Message m) {
        return HuaweiCase.messageId(m.caseId(), m.createTime(), m.replier(), m.content());
    }

    /** Awaits a condition for up to 60 s; on timeout fails with what the pipeline did so far. */
    private void awaitExplained(String what, Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder why = new StringBuilder(
                    "no " + what + "; streams " + stack.streams().state());
            inbound().forEach(m -> why.append("\n  inbound ")
                    .append(m.getCaseId())
                    .append(' ')
                    .append(m.getMessageId()));
            commands().forEach(c -> why.append("\n  command ")
                    .append(c.getCustomer())
                    .append(' ')
                    .append(c.getMessageId()));
            statuses().forEach(s -> why.append("\n  status ")
                    .append(s.getCustomer())
                    .append(' ')
                    .append(s.getOutcome())
                    .append(' ')
                    .append(s.getErrorMessage()));
            stack.simulator().calls().latest(40).forEach(c -> why.append("\n  call ")
                    .append(c));
            throw new AssertionError(why.toString(), e);
        }
    }

    private List<HuaweiCaseInbound> inbound() {
        return seen.of(HuaweiCaseInbound.class);
    }

    private List<ChatCommand> commands() {
        return seen.of(ChatCommand.class);
    }

    private List<CommandStatus> statuses() {
        return seen.of(CommandStatus.class);
    }
}
