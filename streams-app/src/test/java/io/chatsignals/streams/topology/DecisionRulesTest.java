package io.chatsignals.streams.topology;

import static io.chatsignals.streams.topology.DecisionHarness.T0;
import static io.chatsignals.streams.topology.DecisionHarness.umid;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.providers.AppKeys;
import io.chatsignals.providers.ProviderSpecs;
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
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decision rules of docs/design.md, one scenario per test, on the real topology (TopologyTestDriver). Defaults:
 * read on-receipt after 2 s of quiet, typing on-agent-typing, refresh 20 s, ttl 10 s, 8x8 typing window 2 h.
 */
class DecisionRulesTest {
    private static final String ACME = "acme_support";
    private static final String CUSTOMER = "+15551234567";
    private DecisionHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private DecisionHarness harness(DecisionSettings settings) {
        h = new DecisionHarness(settings);
        return h;
    }

    private DecisionHarness defaults() {
        return harness(DecisionSettings.defaults());
    }

    @Test
    void burstOfFiveMessagesBecomesOneReadOfTheLast() {
        DecisionHarness h = defaults();
        for (int i = 1; i <= 5; i++) {
            h.whatsApp8x8("m" + i, ACME, CUSTOMER, T0.plusMillis(i * 300L));
            h.advance(Duration.ofMillis(300)); // each message inside the quiet period of the one before
        }
        assertThat(h.commands()).isEmpty();
        h.advance(Duration.ofSeconds(2));

        List<DecisionHarness.TestRecordView> out = h.commands();
        assertThat(out).hasSize(1);
        ChatCommand read = out.get(0).command();
        assertThat(out.get(0).key()).isEqualTo("EIGHT_BY_EIGHT:" + ACME);
        assertThat(read.getAction()).isEqualTo(CommandAction.MARK_READ);
        assertThat(read.getTrigger()).isEqualTo(Trigger.ON_RECEIPT);
        assertThat(read.getMessageId()).isEqualTo(umid("m5"));
        assertThat(read.getCustomer()).isEqualTo(CUSTOMER);
        assertThat(read.getInboundAt()).isEqualTo(T0.plusMillis(1500));
        assertThat(read.getNotAfter()).isEqualTo(T0.plusMillis(1500).plus(Duration.ofDays(30)));
        assertThat(read.getDecidedAt()).isAfterOrEqualTo(T0.plusMillis(1500 + 2000));
    }

    @Test
    void aQuietEntryFoundBeforeTheQuietPeriodEndsWaitsForTheLastMessage() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofMillis(1500));
        h.whatsApp8x8("m2", ACME, CUSTOMER, T0.plusMillis(1500)); // m1's quiet entry stays indexed at 2 s
        h.advance(Duration.ofMillis(700)); // 2.2 s: m1's entry is due, the quiet period (until 3.5 s) is not over
        assertThat(h.commands()).isEmpty();
        h.advance(Duration.ofMillis(700)); // 2.9 s
        assertThat(h.commands()).isEmpty();
        h.advance(Duration.ofMillis(700)); // 3.6 s

        List<DecisionHarness.TestRecordView> out = h.commands();
        assertThat(out).extracting(c -> c.command().getMessageId()).containsExactly(umid("m2"));
        assertThat(out.get(0).command().getDecidedAt()).isAfterOrEqualTo(T0.plusMillis(1500 + 2000));
        h.advance(Duration.ofSeconds(5));
        assertThat(h.commands()).isEmpty(); // the re-indexed entry fired once
    }

    @Test
    void redeliveredWebhookAddsNothing() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0); // 8x8 retries after 1, 10, 30, 90 s
        h.advance(Duration.ofSeconds(10));
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));

        assertThat(h.commands()).extracting(c -> c.command().getMessageId()).containsExactly(umid("m1"));
        assertThat(h.skips("duplicate")).isEqualTo(2);
    }

    /**
     * A redelivery is dropped whether its record carries the provider's own time for the message (8x8's timestamp,
     * found by one point read at that time) or the ingress's receipt of this delivery (Twilio's webhook has no time:
     * a retry arrives stamped later, found by a search of the dedupe retention): the commands are those of one
     * delivery (8x8: a read, then the agent's typing; Twilio, typing only: the typing) and the metric counts it.
     */
    @ParameterizedTest(name = "{0} redelivered {1} s later, stamped {2} s later → {3}")
    @CsvSource({
        "8x8,    10, 0,  MARK_READ TYPING",
        "8x8,    90, 0,  MARK_READ TYPING",
        "twilio, 10, 0,  TYPING",
        "twilio, 10, 10, TYPING",
        "twilio, 90, 90, TYPING",
    })
    void aRedeliveryIsDroppedWhateverTimeItsRecordCarries(
            String provider, long laterS, long stampedLaterS, String actions) {
        DecisionHarness h = defaults();
        boolean eightByEight = provider.equals("8x8");
        String account = eightByEight ? ACME : "AC" + "0123456789abcdef".repeat(2);
        String customer = eightByEight ? CUSTOMER : "whatsapp:" + CUSTOMER;
        for (long stamp : new long[] {0, stampedLaterS}) {
            if (eightByEight) {
                h.whatsApp8x8("m1", account, customer, T0.plusSeconds(stamp));
            } else {
                h.twilio("SM" + "fedcba9876543210".repeat(2), account, customer, T0.plusSeconds(stamp));
            }
            h.advance(Duration.ofSeconds(laterS));
        }
        h.activity(ProviderSpecs.named(provider).provider(), account, customer, ActivityKind.AGENT_TYPING, h.now());

        assertThat(h.commands()).extracting(c -> c.command().getAction().name()).containsExactly(actions.split(" "));
        assertThat(h.skips("duplicate")).isEqualTo(1);
    }

    @Test
    void lateOlderMessageNeverRegressesTheRead() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m2", ACME, CUSTOMER, T0.plusSeconds(10));
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).extracting(c -> c.command().getMessageId()).containsExactly(umid("m2"));

        h.whatsApp8x8("m1", ACME, CUSTOMER, T0.plusSeconds(5)); // arrives late, older than what was read
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).isEmpty();
        assertThat(h.skips("late")).isEqualTo(1);
    }

    /**
     * Two messages of one conversation with the same event time (whole seconds: NXCloud, Huawei, the Cloud API): the
     * one processed later is the newer. Inside the quiet period it is the read target; after the first one's read it
     * gets a read of its own.
     */
    @ParameterizedTest(name = "second message {0} ms after the first, same event time → reads {1}")
    @CsvSource({"500, m2", "3000, m1 m2"})
    void aMessageTyingTheLatestInEventTimeIsTheNewer(long gapMs, String reads) {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofMillis(gapMs));
        h.whatsApp8x8("m2", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands())
                .extracting(c -> c.command().getMessageId())
                .containsExactlyElementsOf(java.util.Arrays.stream(reads.split(" "))
                        .map(DecisionHarness::umid)
                        .toList());
        assertThat(h.skips("late")).isZero();
    }

    @Test
    void readMaxAgeBoundary() {
        DecisionHarness h = defaults();
        Instant youngEnough = T0.minus(Duration.ofDays(30)).plusSeconds(10); // still inside 30 d after the 2 s quiet
        Instant tooOld = T0.minus(Duration.ofDays(30)).minusSeconds(1);
        h.whatsApp8x8("young", ACME, "+15550000001", youngEnough);
        h.whatsApp8x8("old", ACME, "+15550000002", tooOld);
        h.advance(Duration.ofSeconds(3));

        assertThat(h.commands()).extracting(c -> c.command().getMessageId()).containsExactly(umid("young"));
        assertThat(h.skips("expired")).isEqualTo(1);
    }

    @Test
    void eightByEightTypingInsideTwoHoursOnly() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("inside", ACME, "+15550000001", T0.minus(Duration.ofMinutes(119)));
        h.whatsApp8x8("outside", ACME, "+15550000002", T0.minus(Duration.ofMinutes(121)));
        h.advance(Duration.ofSeconds(3));
        h.commands(); // the two reads

        h.activity(Provider.EIGHT_BY_EIGHT, ACME, "+15550000001", ActivityKind.AGENT_TYPING, h.now());
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, "+15550000002", ActivityKind.AGENT_TYPING, h.now());

        List<DecisionHarness.TestRecordView> out = h.commands();
        assertThat(out).extracting(c -> c.command().getMessageId()).containsExactly(umid("inside"));
        ChatCommand typing = out.get(0).command();
        assertThat(typing.getAction()).isEqualTo(CommandAction.TYPING);
        assertThat(typing.getTrigger()).isEqualTo(Trigger.AGENT_TYPING);
        assertThat(typing.getNotAfter()).isEqualTo(h.now().plusSeconds(10)); // ttl ends before the 2 h window
        assertThat(h.skips("expired")).isEqualTo(1);
    }

    @Test
    void typingNotAfterIsTheWindowEndWhenThatComesFirst() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0.minus(Duration.ofHours(2)).plusSeconds(4));
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        ChatCommand typing = h.commands().get(0).command();
        assertThat(typing.getNotAfter()).isEqualTo(T0.plusSeconds(4));
    }

    /**
     * The typing windows per provider (8x8 "Send typing indicator": 2 h after receipt; NXCloud: the 24 h customer-service
     * window, docs/providers.md): an agent typing on a message inside its window shows TYPING, past it nothing (expired).
     */
    @ParameterizedTest(name = "{0} message {1} min old → typing {2}")
    @CsvSource({
        "EIGHT_BY_EIGHT, 119,  true",
        "EIGHT_BY_EIGHT, 121,  false",
        "NXCLOUD,        1439, true",
        "NXCLOUD,        1441, false",
    })
    void agentTypingShowsTypingOnlyInsideTheProvidersWindow(Provider provider, long ageMinutes, boolean typing) {
        // no read on receipt and no view: typing alone (under read "off" a typing that marks read is never sent)
        DecisionHarness h = harness(
                DecisionSettings.builder().readPolicy(ReadPolicy.ON_AGENT_VIEW).build());
        Instant received = T0.minus(Duration.ofMinutes(ageMinutes));
        String account = provider == Provider.EIGHT_BY_EIGHT ? ACME : "8613800000000";
        String customer = provider == Provider.EIGHT_BY_EIGHT ? CUSTOMER : "15551234567";
        if (provider == Provider.EIGHT_BY_EIGHT) {
            h.whatsApp8x8("old", account, customer, received);
        } else {
            h.nxCloud("wamid.old", account, customer, received);
        }
        h.activity(provider, account, customer, ActivityKind.AGENT_TYPING, h.now());
        assertThat(h.commands())
                .extracting(c -> c.command().getAction())
                .containsExactlyElementsOf(typing ? List.of(CommandAction.TYPING) : List.of());
        assertThat(h.skips("expired")).isEqualTo(typing ? 0 : 1);
    }

    /**
     * Redelivery dedupe lasts {@code dedupe.retention} (5 min here, 24 h by default) of stream time: a webhook delivered
     * again while other traffic moved stream time on by less is dropped as a duplicate; long after, its id is forgotten
     * and it is only a message no newer than the latest (late) — either way no second command.
     */
    @ParameterizedTest(name = "redelivered after {0} min of stream time → {1}")
    @CsvSource({
        "0,  duplicate",
        "4,  duplicate",
        "30, late",
    })
    void aRedeliveryIsADuplicateWithinTheDedupeRetentionAndLateAfterIt(long minutes, String reason) {
        DecisionHarness h = harness(DecisionSettings.builder()
                .dedupeRetention(Duration.ofMinutes(5))
                .build());
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).hasSize(1);
        h.advance(Duration.ofMinutes(minutes));
        h.whatsApp8x8("other-" + minutes, ACME, "+15550009999", h.now()); // another conversation moves stream time on
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0); // the same webhook again
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).extracting(c -> c.command().getCustomer()).containsExactly("+15550009999");
        String skips =
                "duplicate=" + h.skips("duplicate") + " late=" + h.skips("late") + " expired=" + h.skips("expired");
        assertThat(h.skips(reason)).as(skips).isEqualTo(1);
        assertThat(h.skips(reason.equals("late") ? "duplicate" : "late"))
                .as(skips)
                .isZero();
    }

    @Test
    void typingIsThrottledToOnePerRefresh() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        h.advance(Duration.ofSeconds(5));
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        h.advance(Duration.ofSeconds(16)); // 21 s after the first
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());

        assertThat(h.commands())
                .filteredOn(c -> c.command().getAction() == CommandAction.TYPING)
                .hasSize(2);
        assertThat(h.skips("throttled")).isEqualTo(1);
    }

    @Test
    void replySentEndsTheTypingRun() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        h.advance(Duration.ofSeconds(3));
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.REPLY_SENT, h.now());
        h.advance(Duration.ofSeconds(3));
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());

        List<ChatCommand> typing = h.commands().stream()
                .map(DecisionHarness.TestRecordView::command)
                .filter(c -> c.getAction() == CommandAction.TYPING)
                .toList();
        assertThat(typing).hasSize(2);
        assertThat(typing.get(0).getCommandId()).isNotEqualTo(typing.get(1).getCommandId());
    }

    @Test
    void lateAgentTypingEventIsDropped() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(30));
        h.commands();
        h.activity(
                Provider.EIGHT_BY_EIGHT,
                ACME,
                CUSTOMER,
                ActivityKind.AGENT_TYPING,
                h.now().minusSeconds(15));
        assertThat(h.commands()).isEmpty();
        assertThat(h.skips("expired")).isEqualTo(1);
    }

    @Test
    void nxCloudReadAndTypingDueTogetherBecomeOneTyping() {
        DecisionHarness h = harness(
                DecisionSettings.builder().typingPolicy(TypingPolicy.ON_RECEIPT).build());
        h.nxCloud("wamid.1", "8613800000000", "15551234567", T0);
        h.advance(Duration.ofSeconds(3));

        List<DecisionHarness.TestRecordView> out = h.commands();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("NXCLOUD:8613800000000");
        assertThat(out.get(0).command().getAction()).isEqualTo(CommandAction.TYPING);
        assertThat(out.get(0).command().getAppId()).isEqualTo("app-1");
        // the typing call marked it read: an agent view adds nothing under on-agent-view either
        h.activity(Provider.NXCLOUD, "8613800000000", "15551234567", ActivityKind.AGENT_VIEWED, h.now());
        assertThat(h.commands()).isEmpty();
    }

    @Test
    void nxCloudWithoutAppKeyIsMarkedReadInsteadOfTyping() {
        DecisionHarness h = harness(
                DecisionSettings.builder().typingPolicy(TypingPolicy.ON_RECEIPT).build());
        h.nxCloud("wamid.2", "8613800000000", "15551234567", T0, null);
        h.advance(Duration.ofSeconds(3));
        h.activity(Provider.NXCLOUD, "8613800000000", "15551234567", ActivityKind.AGENT_TYPING, h.now());

        assertThat(h.commands()).extracting(c -> c.command().getAction()).containsExactly(CommandAction.MARK_READ);
        assertThat(h.skips("unsupported"))
                .as("typing without an appkey is counted, not emitted")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void nxCloudWithoutAppKeyTakesTheConfiguredOneOfItsPhone() {
        AppKeys keys = AppKeys.none().with(Provider.NXCLOUD, "app-default", Map.of("8613800000000", "app-of-phone"));
        DecisionHarness h = harness(DecisionSettings.builder()
                .typingPolicy(TypingPolicy.ON_RECEIPT)
                .appKeys(keys)
                .build());
        h.nxCloud("wamid.3", "8613800000000", "15551234567", T0, null);
        h.nxCloud("wamid.4", "8613900000000", "15551234567", T0, null);
        h.nxCloud("wamid.5", "8613700000000", "15551234567", T0, "app-from-webhook");
        h.advance(Duration.ofSeconds(3));

        assertThat(h.commands())
                .extracting(c -> c.command().getAction() + " " + c.command().getAppId())
                .containsExactlyInAnyOrder("TYPING app-of-phone", "TYPING app-default", "TYPING app-from-webhook");
    }

    @Test
    void channelIsCarriedInLowerCase() {
        DecisionHarness h = defaults();
        h.eightByEight("m1", ACME, CUSTOMER, "WhatsApp", T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).extracting(c -> c.command().getChannel()).containsExactly("whatsapp");
    }

    @ParameterizedTest(name = "umid {0}")
    @ValueSource(
            strings = {
                "..",
                ".",
                "m1",
                "../read",
                "d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a11/..",
                "d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a1",
                "d3f3c1d4%2e8e3b-4c4e-9a8e-2f0b8f0c7a11"
            })
    void umidThatIsNotAUuidGoesToTheDlqAndNeverBecomesACommand(String umid) {
        DecisionHarness h = defaults();
        h.eightByEightRaw(umid, ACME, CUSTOMER, "whatsapp", T0);
        h.advance(Duration.ofSeconds(3));

        assertThat(h.commands()).isEmpty();
        List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "__streams.errors.message"))
                .contains("umid")
                .contains("UUID");
    }

    @Test
    void recordValuesInADlqReasonCannotForgeALogLine() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", "acme\r\nINFO forged line", CUSTOMER, T0);
        String reason = header(h.dlq.readRecordsToList().get(0), "__streams.errors.message");
        assertThat(reason)
                .contains("acme\\r\\nINFO forged line")
                .doesNotContain("\n")
                .doesNotContain("\r");
    }

    @Test
    void eightByEightSmsGetsNothingAndIsCounted() {
        DecisionHarness h = defaults();
        h.eightByEight("s1", ACME, CUSTOMER, "sms", T0);
        h.advance(Duration.ofSeconds(3));
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());

        assertThat(h.commands()).isEmpty();
        assertThat(h.skips("unsupported")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void eightByEightRcsGetsTypingButNeverARead() {
        DecisionHarness h = harness(
                DecisionSettings.builder().typingPolicy(TypingPolicy.ON_RECEIPT).build());
        h.eightByEight("r1", ACME, CUSTOMER, "rcs", T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).extracting(c -> c.command().getAction()).containsExactly(CommandAction.TYPING);
        assertThat(h.skips("unsupported")).isEqualTo(1);
    }

    @Test
    void invalidSubAccountIdGoesToTheDlqWithTheReason() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", "bad subaccount!", CUSTOMER, T0);
        h.whatsApp8x8("m2", ACME, CUSTOMER, T0); // the app keeps going
        h.advance(Duration.ofSeconds(3));

        assertThat(h.commands()).extracting(c -> c.command().getMessageId()).containsExactly(umid("m2"));
        List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "__streams.errors.message"))
                .contains("subAccountId")
                .contains("bad subaccount!");
        assertThat(header(dead.get(0), "__streams.errors.topic")).isEqualTo(DecisionHarness.TOPICS.inbound("8x8"));
        assertThat(dead.get(0).value()[0])
                .as("the original Confluent-framed bytes")
                .isZero();
        assertThat(h.skips("invalid")).isEqualTo(1);
    }

    @Test
    void undecodableRecordIsSkippedAndTheAppGoesOn() {
        // its DLQ record is asserted on a real broker in
        // StreamsAppIntegrationTest.undecodableAndInvalidRecordsGoToTheDlqWithTheirOrigin
        DecisionHarness h = defaults();
        h.raw8x8.pipeInput(new TestRecord<>(null, "{\"umid\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        h.whatsApp8x8("m2", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).extracting(c -> c.command().getMessageId()).containsExactly(umid("m2"));
    }

    @Test
    void futureTimestampBeyondTheSkewIsInvalid() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0.plus(Duration.ofMinutes(10)));
        assertThat(header(h.dlq.readRecordsToList().get(0), "__streams.errors.message"))
                .contains("in the future");
    }

    @Test
    void readPolicyOffEmitsNoRead() {
        DecisionHarness h =
                harness(DecisionSettings.builder().readPolicy(ReadPolicy.OFF).build());
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, h.now());
        assertThat(h.commands()).isEmpty();
    }

    @Test
    void readPolicyOnAgentViewWaitsForTheAgent() {
        DecisionHarness h = harness(
                DecisionSettings.builder().readPolicy(ReadPolicy.ON_AGENT_VIEW).build());
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).isEmpty();

        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, h.now());
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, h.now()); // already read
        List<DecisionHarness.TestRecordView> out = h.commands();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).command().getTrigger()).isEqualTo(Trigger.AGENT_VIEWED);
        assertThat(h.skips("covered")).isEqualTo(1);
    }

    @Test
    void agentViewBeforeTheLatestMessageArrivedDoesNotMarkIt() {
        DecisionHarness h = harness(
                DecisionSettings.builder().readPolicy(ReadPolicy.ON_AGENT_VIEW).build());
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_VIEWED, T0.minusSeconds(1));
        assertThat(h.commands()).isEmpty();
        assertThat(h.skips("unseen")).isEqualTo(1);
    }

    @Test
    void typingPolicyOffEmitsNoTyping() {
        DecisionHarness h = harness(
                DecisionSettings.builder().typingPolicy(TypingPolicy.OFF).build());
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).extracting(c -> c.command().getAction()).containsExactly(CommandAction.MARK_READ);
    }

    @Test
    void typingPolicyOnReceiptFor8x8WhatsAppSendsBoth() {
        DecisionHarness h = harness(
                DecisionSettings.builder().typingPolicy(TypingPolicy.ON_RECEIPT).build());
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.activity(
                Provider.EIGHT_BY_EIGHT,
                ACME,
                CUSTOMER,
                ActivityKind.AGENT_TYPING,
                h.now()); // ignored under on-receipt
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands())
                .extracting(c -> c.command().getAction())
                .containsExactly(CommandAction.TYPING, CommandAction.MARK_READ);
    }

    @Test
    void activityWithoutAnInboundMessageIsCounted() {
        DecisionHarness h = defaults();
        h.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, h.now());
        assertThat(h.commands()).isEmpty();
        assertThat(h.skips("no-message")).isEqualTo(1);
    }

    @Test
    void commandIdsAreDeterministicAcrossRuns() {
        List<String> first = runScript();
        h.close();
        h = null;
        assertThat(runScript()).isEqualTo(first).doesNotHaveDuplicates().hasSize(2);
    }

    private List<String> runScript() {
        DecisionHarness run = defaults();
        run.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        run.activity(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER, ActivityKind.AGENT_TYPING, run.now());
        run.advance(Duration.ofSeconds(3));
        return run.commands().stream().map(c -> c.command().getCommandId()).toList();
    }

    @Test
    void idleConversationStateIsPurgedAfterTheLongestWindow() {
        DecisionHarness h = defaults();
        h.whatsApp8x8("m1", ACME, CUSTOMER, T0);
        h.advance(Duration.ofSeconds(3));
        h.advance(Duration.ofDays(30).plusMinutes(1));
        assertThat(h.meters.counter("chatsignals.conversations.purged").count()).isEqualTo(1);
        assertThat(h.driver
                        .getKeyValueStore(ConversationProcessor.CONVERSATIONS)
                        .get(Keys.conversation(Provider.EIGHT_BY_EIGHT, ACME, CUSTOMER)))
                .isNull();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
