package io.chatsignals.streams.topology;

import static io.chatsignals.streams.topology.DecisionHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.TypingPolicy;
import io.chatsignals.streams.decide.DecisionSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WhatsApp Cloud API conversations (docs/design.md, decision rules 3, 4 and 6): read and typing, the typing call counts
 * as the read, whole-second ties, and groups, where each message is marked read on its own.
 */
class WhatsAppCloudDecisionsTest {
    private static final String PHONE = "106540352242922";
    private static final String GROUP = "Y2FwaV9ncm91cDox";
    private DecisionHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static String summary(List<DecisionHarness.TestRecordView> out) {
        return String.join(
                ",",
                out.stream()
                        .map(r -> (r.command().getAction() == CommandAction.TYPING ? "T:" : "R:")
                                + r.command().getMessageId())
                        .toList());
    }

    /**
     * One-to-one: a burst of three messages (the last two in the same whole second) is one read of the last; under
     * typing on receipt only the TYPING of the last is sent, and it counts as the read.
     */
    @ParameterizedTest(name = "typing {0} → {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ON_AGENT_TYPING | R:w3
            ON_RECEIPT      | T:w3
            OFF             | R:w3
            """)
    void aBurstIsOneCommandForItsLatestMessage(TypingPolicy typing, String expected) {
        h = new DecisionHarness(DecisionSettings.builder().typingPolicy(typing).build());
        h.whatsAppCloud("w1", PHONE, "16505551234", T0.minusSeconds(3), null);
        h.whatsAppCloud("w2", PHONE, "16505551234", T0.minusSeconds(2), null);
        h.whatsAppCloud("w3", PHONE, "16505551234", T0.minusSeconds(2), null);
        h.advance(Duration.ofSeconds(3));
        List<DecisionHarness.TestRecordView> out = h.commands();
        assertThat(summary(out)).isEqualTo(expected);
        assertThat(out).allSatisfy(r -> {
            ChatCommand c = r.command();
            assertThat(c.getProvider()).isEqualTo(Provider.WHATSAPP_CLOUD);
            assertThat(c.getAccount()).isEqualTo(PHONE);
            assertThat(c.getCustomer()).isEqualTo("16505551234");
            assertThat(r.key()).isEqualTo("WHATSAPP_CLOUD:" + PHONE);
        });
    }

    /** In a group every message gets its own read, oldest first; the group is the conversation. */
    @Test
    void inAGroupEachMessageIsReadOnItsOwn() {
        h = new DecisionHarness(DecisionSettings.defaults());
        h.whatsAppCloud("g1", PHONE, "16505550001", T0.minusSeconds(3), GROUP);
        h.whatsAppCloud("g3", PHONE, "16505550001", T0.minusSeconds(1), GROUP);
        h.whatsAppCloud("g2", PHONE, "16505550002", T0.minusSeconds(2), GROUP); // late: still its own read
        h.advance(Duration.ofSeconds(3));
        List<DecisionHarness.TestRecordView> out = h.commands();
        assertThat(summary(out)).isEqualTo("R:g1,R:g2,R:g3");
        assertThat(out).allSatisfy(r -> assertThat(r.command().getCustomer()).isEqualTo(GROUP));
        assertThat(out.stream().map(r -> r.command().getCommandId()).distinct()).hasSize(3);

        h.whatsAppCloud("g4", PHONE, "16505550002", T0.plusSeconds(5), GROUP);
        h.advance(Duration.ofSeconds(3));
        assertThat(summary(h.commands())).as("only what is new is read").isEqualTo("R:g4");
    }

    /** Agent typing in a group marks the latest message read (the typing call does); the earlier ones get reads. */
    @Test
    void typingInAGroupCoversOnlyTheLatestMessage() {
        h = new DecisionHarness(DecisionSettings.builder()
                .readPolicy(ReadPolicy.ON_AGENT_VIEW)
                .typingPolicy(TypingPolicy.ON_AGENT_TYPING)
                .build());
        h.whatsAppCloud("g1", PHONE, "16505550001", T0.minusSeconds(3), GROUP);
        h.whatsAppCloud("g2", PHONE, "16505550002", T0.minusSeconds(2), GROUP);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).isEmpty();
        h.activity(Provider.WHATSAPP_CLOUD, PHONE, GROUP, ActivityKind.AGENT_TYPING, h.now());
        assertThat(summary(h.commands())).isEqualTo("T:g2");
        h.activity(Provider.WHATSAPP_CLOUD, PHONE, GROUP, ActivityKind.AGENT_VIEWED, h.now());
        assertThat(summary(h.commands())).as("g2 was read by the typing call").isEqualTo("R:g1");
        h.activity(Provider.WHATSAPP_CLOUD, PHONE, GROUP, ActivityKind.AGENT_VIEWED, h.now());
        assertThat(h.commands()).isEmpty();
    }

    /** A phone number id is a path segment: anything but digits goes to the inbound DLQ, nothing is decided. */
    @ParameterizedTest(name = "phone number id ''{0}''")
    @CsvSource({"1065/../x", "+15550783881", "''"})
    void aPhoneNumberIdOtherThanDigitsIsDeadLettered(String phoneNumberId) {
        h = new DecisionHarness(DecisionSettings.defaults());
        h.whatsAppCloud("w1", phoneNumberId, "16505551234", T0.minusSeconds(1), null);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.commands()).isEmpty();
        assertThat(h.dlq.readRecordsToList()).hasSize(1);
        assertThat(h.skips("invalid")).isEqualTo(1.0);
    }
}
