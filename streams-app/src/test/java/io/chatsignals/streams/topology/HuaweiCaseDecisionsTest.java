package io.chatsignals.streams.topology;

import static io.chatsignals.streams.topology.DecisionHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.Trigger;
import io.chatsignals.schema.TypingPolicy;
import io.chatsignals.streams.decide.DecisionSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Huawei case conversations (issue 13, docs/design.md, decision rule 6): read only, every read policy, {@code read.max-age.huawei-case},
 * group_id carried to the command; a case is a conversation.
 */
class HuaweiCaseDecisionsTest {
    private static final String DOMAIN = "acme-intl";
    private DecisionHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /**
     * Two messages of one case 500 ms apart (the second with group g-1), then an agent view and an agent typing, under
     * each read and typing policy: what is emitted (R = read of the second message by trigger, nothing else: no TYPING).
     */
    @ParameterizedTest(name = "read {0}, typing {1} → {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ON_RECEIPT    | ON_AGENT_TYPING | ON_RECEIPT
            ON_RECEIPT    | ON_RECEIPT      | ON_RECEIPT
            ON_AGENT_VIEW | ON_AGENT_TYPING | AGENT_VIEWED
            ON_AGENT_VIEW | OFF             | AGENT_VIEWED
            OFF           | ON_AGENT_TYPING | -
            OFF           | ON_RECEIPT      | -
            """)
    void readOnlyUnderEveryPolicy(ReadPolicy read, TypingPolicy typing, String trigger) {
        h = new DecisionHarness(
                DecisionSettings.builder().readPolicy(read).typingPolicy(typing).build());
        h.huaweiCase("hw1-a", DOMAIN, "TT1", T0.minusSeconds(2), null);
        h.huaweiCase("hw1-b", DOMAIN, "TT1", T0.minusMillis(1500), "g-1");
        h.advance(Duration.ofSeconds(3));
        h.activity(Provider.HUAWEI_CASE, DOMAIN, "TT1", ActivityKind.AGENT_VIEWED, h.now());
        h.activity(Provider.HUAWEI_CASE, DOMAIN, "TT1", ActivityKind.AGENT_TYPING, h.now());
        h.advance(Duration.ofSeconds(3));

        List<ChatCommand> out = h.commands().stream()
                .map(DecisionHarness.TestRecordView::command)
                .toList();
        if (trigger.equals("-")) {
            assertThat(out).isEmpty();
        } else {
            assertThat(out).hasSize(1);
            ChatCommand c = out.get(0);
            assertThat(c.getAction()).isEqualTo(CommandAction.MARK_READ);
            assertThat(c.getTrigger()).isEqualTo(Trigger.valueOf(trigger));
            assertThat(c.getProvider()).isEqualTo(Provider.HUAWEI_CASE);
            assertThat(c.getMessageId()).isEqualTo("hw1-b");
            assertThat(c.getCustomer()).isEqualTo("TT1");
            assertThat(c.getAccount()).isEqualTo(DOMAIN);
            assertThat(c.getChannel()).isEqualTo("case");
            assertThat(c.getGroupId()).isEqualTo("g-1");
        }
        if (typing != TypingPolicy.OFF) {
            assertThat(h.skips("unsupported"))
                    .as("typing is counted as unsupported, never emitted")
                    .isPositive();
        }
    }

    /** A message older than {@code read.max-age.huawei-case} is not read; the command's notAfter is inboundAt + it. */
    @ParameterizedTest(name = "max age {0}, message {1} old → read {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            P30D | PT1H       | true
            P30D | P29DT23H   | true
            P30D | P30DT1S    | false
            PT2H | PT1H       | true
            PT2H | PT2H1S     | false
            """)
    void readMaxAgeOfCases(Duration maxAge, Duration age, boolean read) {
        h = new DecisionHarness(DecisionSettings.builder()
                .readMaxAge(Provider.HUAWEI_CASE, maxAge)
                .build());
        Instant createdAt = T0.minus(age).plusSeconds(3);
        h.huaweiCase("hw1-x", DOMAIN, "TT2", createdAt, null);
        h.advance(Duration.ofSeconds(3));

        List<ChatCommand> out = h.commands().stream()
                .map(DecisionHarness.TestRecordView::command)
                .toList();
        assertThat(out).hasSize(read ? 1 : 0);
        if (read) {
            assertThat(out.get(0).getNotAfter()).isEqualTo(createdAt.plus(maxAge));
        } else {
            assertThat(h.skips("expired")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "redelivered after {0}")
    @CsvSource({"PT1S", "PT10M"})
    void aMessagePolledAgainIsDroppedAsADuplicate(Duration after) {
        h = new DecisionHarness(DecisionSettings.defaults());
        h.huaweiCase("hw1-a", DOMAIN, "TT3", T0, null);
        h.advance(after);
        h.huaweiCase("hw1-a", DOMAIN, "TT3", T0, null);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).hasSize(1);
        assertThat(h.skips("duplicate")).isEqualTo(1);
    }

    @ParameterizedTest(name = "case id ''{0}'' goes to the DLQ")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ..
            a/b
            ''
            12345678901234567890123456789012345678901234567890123456789012345
            """)
    void aCaseIdThatIsNotOnePathSegmentGoesToTheDlq(String caseId) {
        h = new DecisionHarness(DecisionSettings.defaults());
        h.huaweiCase("hw1-a", DOMAIN, caseId, T0, null);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).isEmpty();
        List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        Header reason = dead.get(0).headers().lastHeader("__streams.errors.message");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("caseId");
    }
}
