package io.chatsignals.serde;

import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated and one minimal (optional fields null) instance of every contract record. */
final class ContractSamples {
    static final Instant T0 = Instant.ofEpochMilli(1_763_700_000_123L);

    private ContractSamples() {}

    static List<SpecificRecord> all() {
        return List.of(
                eightByEight(),
                EightByEightInbound.newBuilder(eightByEight())
                        .setChannelId(null)
                        .setMsisdn(null)
                        .setChannelUserId(null)
                        .setContentType(null)
                        .setReplyToUmid(null)
                        .build(),
                nxCloud(),
                NxCloudInbound.newBuilder(nxCloud())
                        .setWaId(null)
                        .setMessageType(null)
                        .setAppId(null)
                        .build(),
                activity(),
                ConversationActivity.newBuilder(activity()).setActor(null).build(),
                command(),
                ChatCommand.newBuilder(command()).setAppId(null).build(),
                status(),
                CommandStatus.newBuilder(status())
                        .setHttpStatus(null)
                        .setErrorCode(null)
                        .setErrorMessage(null)
                        .setErrorId(null)
                        .setFirstAttemptAt(null)
                        .setDetails(null)
                        .setEnrichment(Enrichment.NOT_APPLICABLE)
                        .build(),
                details());
    }

    static EightByEightInbound eightByEight() {
        return EightByEightInbound.newBuilder()
                .setUmid("2b5b4b0e-6f0c-4d2c-9f7a-0f3c5e0d9a11")
                .setSubAccountId("acme_support")
                .setTimestamp(T0)
                .setChannel("whatsapp")
                .setChannelId("c1d2e3")
                .setMsisdn("+15551234567")
                .setChannelUserId("15551234567")
                .setContentType("Text")
                .setReplyToUmid("0f0e0d0c-0000-4000-8000-000000000001")
                .build();
    }

    static NxCloudInbound nxCloud() {
        return NxCloudInbound.newBuilder()
                .setMessageId("wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQzQTU")
                .setBusinessPhone("8613800000000")
                .setWaId("15551234567")
                .setUserId("US.1234")
                .setTimestamp(T0)
                .setMessageType("text")
                .setAppId("app-42")
                .build();
    }

    static ConversationActivity activity() {
        return ConversationActivity.newBuilder()
                .setProvider(Provider.NXCLOUD)
                .setAccount("8613800000000")
                .setCustomer("15551234567")
                .setKind(ActivityKind.AGENT_TYPING)
                .setOccurredAt(T0.plusSeconds(3))
                .setActor("agent-7")
                .build();
    }

    static ChatCommand command() {
        return ChatCommand.newBuilder()
                .setCommandId("cmd-9f2c")
                .setAction(CommandAction.MARK_READ)
                .setProvider(Provider.EIGHT_BY_EIGHT)
                .setAccount("acme_support")
                .setChannel("whatsapp")
                .setCustomer("+15551234567")
                .setMessageId("2b5b4b0e")
                .setInboundAt(T0)
                .setDecidedAt(T0.plusSeconds(2))
                .setNotAfter(T0.plusSeconds(30L * 24 * 3600))
                .setTrigger(Trigger.ON_RECEIPT)
                .setAppId("app-42")
                .build();
    }

    static MessageDetails details() {
        return MessageDetails.newBuilder()
                .setUmid("2b5b4b0e")
                .setChannel("whatsapp")
                .setChannelId("c1d2e3")
                .setDirection("inbound")
                .setCountry("US")
                .setState("received")
                .setDetail("delivered")
                .setStatusTimestamp(T0.plusMillis(5))
                .setContentType("Text")
                .setCreatedAt(T0)
                .setStep(2)
                .setRecords(2)
                .setClientMessageId("client-1")
                .setBatchId("batch-1")
                .build();
    }

    static CommandStatus status() {
        return CommandStatus.newBuilder()
                .setCommandId("cmd-9f2c")
                .setAction(CommandAction.TYPING)
                .setProvider(Provider.EIGHT_BY_EIGHT)
                .setAccount("acme_support")
                .setChannel("whatsapp")
                .setCustomer("+15551234567")
                .setMessageId("2b5b4b0e")
                .setInboundAt(T0)
                .setDecidedAt(T0.plusSeconds(1))
                .setOutcome(Outcome.FAILED)
                .setAttempts(3)
                .setHttpStatus(400)
                .setErrorCode(1300)
                .setErrorMessage("not found or expired")
                .setErrorId("e-1")
                .setFirstAttemptAt(T0.plusSeconds(1))
                .setCompletedAt(T0.plusSeconds(4))
                .setEnrichment(Enrichment.ENRICHED)
                .setDetails(details())
                .build();
    }
}
