package io.chatsignals.streams.topology;

import static io.chatsignals.streams.topology.DecisionHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.DecidedBy;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.Trigger;
import io.chatsignals.schema.TypingPolicy;
import io.chatsignals.streams.decide.DecisionSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Business policies changed at runtime (docs/policies.md) on the decision topology: a change applies to every decision
 * made after it is read, reads already waiting for their quiet period included; each command says which policy
 * decided it; invalid policy records go to the DLQ and change nothing.
 */
class BusinessPoliciesTest {
    private static final String ACME = "acme_support";
    private static final String GLOBEX = "globex_sales";
    private static final String CUSTOMER = "+15551234567";
    private static final Provider EIGHT = Provider.EIGHT_BY_EIGHT;

    private DecisionHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private DecisionHarness harness() {
        h = new DecisionHarness(DecisionSettings.defaults()); // global: on-receipt after 2 s, typing on-agent-typing
        return h;
    }

    @Test
    void aReadWaitingForItsQuietPeriodFollowsAPolicyChangedMeanwhile() {
        DecisionHarness h = harness();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofMillis(500)); // waiting: due at 2 s
        h.policy(EIGHT, ACME, ReadPolicy.ON_AGENT_VIEW, null, null);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands())
                .as("the waiting read is re-decided under on-agent-view: none")
                .isEmpty();

        h.activity(EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, h.now());
        List<ChatCommand> reads = commands();
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).getTrigger()).isEqualTo(Trigger.AGENT_VIEWED);
        assertThat(reads.get(0).getDecidedBy())
                .isEqualTo(new DecidedBy(PolicySource.ACCOUNT, "on-agent-view", "EIGHT_BY_EIGHT:acme_support", 0L));

        h.activity(EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, h.now());
        assertThat(h.commands()).as("nothing is decided twice").isEmpty();
    }

    @Test
    void offStaysOffWhateverElseHappens() {
        DecisionHarness h = harness();
        h.policy(Provider.WHATSAPP_CLOUD, "1234567890", ReadPolicy.OFF, null, TypingPolicy.ON_AGENT_TYPING);
        h.whatsAppCloud("wamid.1", "1234567890", "15551234567", T0, null);
        h.advance(Duration.ofSeconds(3));
        h.activity(Provider.WHATSAPP_CLOUD, "1234567890", "15551234567", ActivityKind.AGENT_VIEWED, h.now());
        h.activity(Provider.WHATSAPP_CLOUD, "1234567890", "15551234567", ActivityKind.REPLY_SENT, h.now());
        // the Cloud API's typing indicator marks the message read: under "off" it is never sent either
        h.activity(Provider.WHATSAPP_CLOUD, "1234567890", "15551234567", ActivityKind.AGENT_TYPING, h.now());
        assertThat(h.commands()).isEmpty();
        assertThat(h.skips("read-off")).isEqualTo(1);
    }

    @Test
    void anAccountsOwnPolicyWinsOverTheProvidersDefaultWhichWinsOverTheGlobalSettings() {
        DecisionHarness h = harness();
        h.policy(EIGHT, "*", ReadPolicy.ON_AGENT_VIEW, null, null); // every 8x8 account without its own
        h.policy(EIGHT, GLOBEX, ReadPolicy.ON_RECEIPT, 5_000L, null);
        h.whatsApp8x8("a1", ACME, CUSTOMER, T0);
        h.whatsApp8x8("g1", GLOBEX, CUSTOMER, T0);
        h.nxCloud("wamid.n1", "8613800000000", "15551234567", T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(commands())
                .as("after 3 s: NXCloud under the global on-receipt (2 s); globex waits its own 5 s; acme waits a view")
                .extracting(c -> c.getProvider() + " " + c.getDecidedBy().getSource())
                .containsExactly("NXCLOUD GLOBAL");
        h.advance(Duration.ofSeconds(3));
        assertThat(commands())
                .extracting(c -> c.getAccount() + " " + c.getDecidedBy().getSource() + " "
                        + c.getDecidedBy().getPolicy())
                .containsExactly("globex_sales ACCOUNT on-receipt");
        h.activity(EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, h.now());
        assertThat(commands())
                .extracting(c -> c.getAccount() + " " + c.getDecidedBy().getSource() + " "
                        + c.getDecidedBy().getPolicyKey())
                .containsExactly("acme_support PROVIDER EIGHT_BY_EIGHT:*");
    }

    @Test
    void aRemovedPolicyFallsBackToWhatItInherited() {
        DecisionHarness h = harness();
        h.policy(EIGHT, ACME, ReadPolicy.OFF, null, null);
        h.policyRecord("EIGHT_BY_EIGHT:acme_support", null); // a tombstone
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(commands()).extracting(c -> c.getDecidedBy().getSource()).containsExactly(PolicySource.GLOBAL);
    }

    @Test
    void onAgentReplyReadsTheLatestMessageWhenTheReplyIsSent() {
        DecisionHarness h = harness();
        h.policy(EIGHT, ACME, ReadPolicy.ON_AGENT_REPLY, null, null);
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.whatsApp8x8("m2", ACME, CUSTOMER, T0.plusMillis(200));
        h.advance(Duration.ofSeconds(3));
        h.activity(EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, h.now());
        assertThat(h.commands()).as("neither the quiet period nor a view reads").isEmpty();
        h.activity(EIGHT, ACME, CUSTOMER, ActivityKind.REPLY_SENT, h.now());
        List<ChatCommand> reads = commands();
        assertThat(reads)
                .extracting(ChatCommand::getAction, ChatCommand::getMessageId, ChatCommand::getTrigger)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        CommandAction.MARK_READ, DecisionHarness.umid("m2"), Trigger.AGENT_REPLIED));
        h.activity(EIGHT, ACME, CUSTOMER, ActivityKind.REPLY_SENT, h.now());
        assertThat(h.commands()).as("a second reply: read already").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "negative quiet period | EIGHT_BY_EIGHT:acme_support | acme_support | -1 | policy readDelayMs: negative",
                "key of another account | EIGHT_BY_EIGHT:globex_sales | acme_support | 100 | policy key: 'EIGHT_BY_EIGHT:globex_sales'",
                "blank account | 'EIGHT_BY_EIGHT: ' | ' ' | 100 | policy account: blank",
            })
    void anInvalidPolicyRecordGoesToTheDlqWithItsReasonAndChangesNothing(
            String what, String key, String account, long delayMs, String reason) {
        DecisionHarness h = harness();
        h.policyRecord(
                key,
                BusinessPolicy.newBuilder()
                        .setProvider(EIGHT)
                        .setAccount(account)
                        .setReadPolicy(ReadPolicy.OFF)
                        .setReadDelayMs(delayMs)
                        .setUpdatedAt(h.now())
                        .build());
        List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        Header header = dead.get(0).headers().lastHeader("__streams.errors.message");
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).contains(reason);
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(commands()).extracting(c -> c.getDecidedBy().getSource()).containsExactly(PolicySource.GLOBAL);
    }

    @Test
    void aTombstoneWhoseKeyNamesNoProviderGoesToTheDlq() {
        DecisionHarness h = harness();
        h.policyRecord("not-a-key", null);
        assertThat(h.dlq.readRecordsToList()).hasSize(1);
    }

    @Test
    void typingFollowsTheAccountsTypingPolicyAndRefresh() {
        DecisionHarness h = harness();
        h.policy(EIGHT, ACME, ReadPolicy.ON_AGENT_VIEW, null, TypingPolicy.OFF);
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.activity(EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        h.whatsApp8x8("g1", GLOBEX, CUSTOMER, T0);
        h.activity(EIGHT, GLOBEX, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        assertThat(commands())
                .extracting(c -> c.getAccount() + " " + c.getAction() + " "
                        + c.getDecidedBy().getSource())
                .containsExactly("globex_sales TYPING GLOBAL");
    }

    private List<ChatCommand> commands() {
        return h.commands().stream()
                .map(DecisionHarness.TestRecordView::command)
                .toList();
    }
}
