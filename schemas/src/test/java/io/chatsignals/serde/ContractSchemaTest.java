package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.DecidedBy;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.GoogleRbmInbound;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.schema.InfobipInbound;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.MessengerInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.TwilioInbound;
import io.chatsignals.schema.TypingPolicy;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The generated classes carry exactly the public contract of docs/design.md: names, field names, types, optionality. */
class ContractSchemaTest {

    // field -> expected type as written in docs/design.md ("ts" = long timestamp-millis; "?T" = [null, T] default null)
    private static final Map<Schema, List<String>> CONTRACT = Map.ofEntries(
            Map.entry(
                    EightByEightInbound.getClassSchema(),
                    List.of(
                            "umid string",
                            "subAccountId string",
                            "timestamp ts",
                            "channel string",
                            "channelId ?string",
                            "msisdn ?string",
                            "channelUserId ?string",
                            "contentType ?string",
                            "replyToUmid ?string")),
            Map.entry(
                    NxCloudInbound.getClassSchema(),
                    List.of(
                            "messageId string",
                            "businessPhone string",
                            "waId ?string",
                            "userId ?string",
                            "timestamp ts",
                            "messageType ?string",
                            "appId ?string")),
            Map.entry(
                    InfobipInbound.getClassSchema(),
                    List.of(
                            "messageId string",
                            "sender string",
                            "from string",
                            "receivedAt ts",
                            "messageType ?string",
                            "integrationType ?string",
                            "contextId ?string")),
            Map.entry(
                    MessengerInbound.getClassSchema(),
                    List.of(
                            "mid string",
                            "recipientId string",
                            "senderId string",
                            "timestamp ts",
                            "channel string",
                            "standby boolean",
                            "messageType ?string",
                            "replyToMid ?string")),
            Map.entry(
                    TwilioInbound.getClassSchema(),
                    List.of(
                            "messageSid string",
                            "accountSid string",
                            "from string",
                            "to string",
                            "channel string",
                            "receivedAt ts",
                            "messagingServiceSid ?string",
                            "messageType ?string",
                            "numMedia ?int",
                            "repliedMessageSid ?string")),
            Map.entry(
                    ConversationActivity.getClassSchema(),
                    List.of(
                            "provider Provider",
                            "account string",
                            "customer string",
                            "kind ActivityKind",
                            "occurredAt ts",
                            "actor ?string")),
            Map.entry(
                    ChatCommand.getClassSchema(),
                    List.of(
                            "commandId string",
                            "action CommandAction",
                            "provider Provider",
                            "account string",
                            "channel string",
                            "customer string",
                            "messageId string",
                            "inboundAt ts",
                            "decidedAt ts",
                            "notAfter ts",
                            "trigger Trigger",
                            "appId ?string",
                            "groupId ?string",
                            "decidedBy ?DecidedBy")),
            Map.entry(
                    HuaweiCaseInbound.getClassSchema(),
                    List.of(
                            "messageId string",
                            "caseId string",
                            "account string",
                            "createdAt ts",
                            "replierType int",
                            "replier ?string",
                            "messageType ?int",
                            "firstMessage ?boolean",
                            "groupId ?string")),
            Map.entry(
                    CommandStatus.getClassSchema(),
                    List.of(
                            "commandId string",
                            "action CommandAction",
                            "provider Provider",
                            "account string",
                            "channel string",
                            "customer string",
                            "messageId string",
                            "inboundAt ts",
                            "decidedAt ts",
                            "outcome Outcome",
                            "attempts int",
                            "httpStatus ?int",
                            "errorCode ?int",
                            "errorMessage ?string",
                            "errorId ?string",
                            "firstAttemptAt ?ts",
                            "completedAt ts",
                            "enrichment Enrichment",
                            "details ?MessageDetails",
                            "decidedBy ?DecidedBy")),
            Map.entry(
                    DecidedBy.getClassSchema(),
                    List.of("source PolicySource", "policy string", "policyKey ?string", "version ?long")),
            Map.entry(
                    BusinessPolicy.getClassSchema(),
                    List.of(
                            "provider Provider",
                            "account string",
                            "readPolicy ?ReadPolicy",
                            "readDelayMs ?long",
                            "typingPolicy ?TypingPolicy",
                            "typingRefreshMs ?long",
                            "updatedAt ts",
                            "updatedBy ?string")),
            Map.entry(
                    MessageDetails.getClassSchema(),
                    List.of(
                            "umid string",
                            "channel string",
                            "channelId ?string",
                            "direction ?string",
                            "country ?string",
                            "state ?string",
                            "detail ?string",
                            "statusTimestamp ?ts",
                            "contentType ?string",
                            "createdAt ?ts",
                            "step int",
                            "records int",
                            "clientMessageId ?string",
                            "batchId ?string")),
            Map.entry(
                    GoogleRbmInbound.getClassSchema(),
                    List.of(
                            "messageId string",
                            "agentId string",
                            "senderPhoneNumber string",
                            "sendTime ts",
                            "messageType ?string")));

    @Test
    void everyRecordHasExactlyTheContractFieldsInOrder() {
        CONTRACT.forEach((schema, expected) -> {
            assertThat(schema.getNamespace()).isEqualTo("io.chatsignals.schema");
            assertThat(schema.getFields().stream()
                            .map(f -> f.name() + " " + describe(f))
                            .toList())
                    .as(schema.getName())
                    .containsExactlyElementsOf(expected);
        });
    }

    @Test
    void optionalFieldsDefaultToNull() {
        CONTRACT.keySet().forEach(schema -> schema.getFields().stream()
                .filter(f -> f.schema().getType() == Schema.Type.UNION)
                .forEach(f -> assertThat(f.defaultVal())
                        .as(schema.getName() + "." + f.name())
                        .isEqualTo(JsonProperties.NULL_VALUE)));
    }

    /** UNKNOWN, last, is each enum's Avro default: a reader on this schema reads a symbol added later as UNKNOWN. */
    @Test
    void enumsHaveTheContractSymbolsAndUnknownAsTheirDefault() {
        assertThat(symbols(ChatCommand.getClassSchema(), "provider"))
                .containsExactly(
                        "EIGHT_BY_EIGHT",
                        "NXCLOUD",
                        "HUAWEI_CASE",
                        "WHATSAPP_CLOUD",
                        "INFOBIP",
                        "MESSENGER",
                        "TWILIO",
                        "GOOGLE_RBM",
                        "UNKNOWN");
        assertThat(symbols(ConversationActivity.getClassSchema(), "kind"))
                .containsExactly("AGENT_VIEWED", "AGENT_TYPING", "REPLY_SENT", "UNKNOWN");
        assertThat(symbols(ChatCommand.getClassSchema(), "action")).containsExactly("MARK_READ", "TYPING", "UNKNOWN");
        assertThat(symbols(ChatCommand.getClassSchema(), "trigger"))
                .containsExactly("ON_RECEIPT", "AGENT_VIEWED", "AGENT_TYPING", "AGENT_REPLIED", "UNKNOWN");
        assertThat(BusinessPolicy.getClassSchema()
                        .getField("readPolicy")
                        .schema()
                        .getTypes()
                        .get(1)
                        .getEnumSymbols())
                .containsExactly("ON_RECEIPT", "ON_AGENT_VIEW", "ON_AGENT_REPLY", "OFF", "UNKNOWN");
        assertThat(BusinessPolicy.getClassSchema()
                        .getField("typingPolicy")
                        .schema()
                        .getTypes()
                        .get(1)
                        .getEnumSymbols())
                .containsExactly("ON_AGENT_TYPING", "ON_RECEIPT", "OFF", "UNKNOWN");
        assertThat(symbols(DecidedBy.getClassSchema(), "source"))
                .containsExactly("ACCOUNT", "PROVIDER", "GLOBAL", "UNKNOWN");
        for (Schema policyEnum :
                List.of(ReadPolicy.getClassSchema(), TypingPolicy.getClassSchema(), PolicySource.getClassSchema())) {
            assertThat(policyEnum.getEnumDefault()).as(policyEnum.getName()).isEqualTo("UNKNOWN");
        }
        assertThat(symbols(CommandStatus.getClassSchema(), "outcome"))
                .containsExactly("SUCCEEDED", "FAILED", "EXPIRED", "UNSUPPORTED", "UNKNOWN");
        assertThat(symbols(CommandStatus.getClassSchema(), "enrichment"))
                .containsExactly("ENRICHED", "NOT_APPLICABLE", "SKIPPED", "LOOKUP_FAILED", "UNKNOWN");
        for (String field : List.of("provider", "action", "outcome", "enrichment")) {
            assertThat(CommandStatus.getClassSchema().getField(field).schema().getEnumDefault())
                    .as(field)
                    .isEqualTo("UNKNOWN");
        }
        assertThat(ChatCommand.getClassSchema().getField("trigger").schema().getEnumDefault())
                .isEqualTo("UNKNOWN");
        assertThat(ConversationActivity.getClassSchema()
                        .getField("kind")
                        .schema()
                        .getEnumDefault())
                .isEqualTo("UNKNOWN");
    }

    private static List<String> symbols(Schema record, String field) {
        return record.getField(field).schema().getEnumSymbols();
    }

    private static String describe(Schema.Field field) {
        Schema s = field.schema();
        if (s.getType() == Schema.Type.UNION) {
            assertThat(s.getTypes()).hasSize(2);
            assertThat(s.getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
            return "?" + name(s.getTypes().get(1));
        }
        return name(s);
    }

    private static String name(Schema s) {
        if (s.getLogicalType() != null) {
            assertThat(s.getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
            assertThat(s.getType()).isEqualTo(Schema.Type.LONG);
            return "ts";
        }
        return s.getType() == Schema.Type.RECORD || s.getType() == Schema.Type.ENUM
                ? s.getName()
                : s.getType().getName();
    }
}
