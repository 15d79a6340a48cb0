package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.contract.Schemas;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Enum evolution of the contract (docs/configuration.md, "Schema evolution"): today's schemas read the previous ones (BACKWARD), a
 * consumer on the previous schema cannot decode a Huawei record (what the README tells users), and a consumer on
 * today's schema reads a symbol added later as UNKNOWN.
 */
class EnumEvolutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Schema> contract() {
        return Schemas.valueSchemas().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contract")
    void todaysSchemaReadsDataOfThePreviousOne(Schema today) {
        Schema previous = previous(today);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(today, previous)
                        .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void aConsumerOnThePreviousSchemaCannotDecodeAHuaweiCommand() throws IOException {
        ChatCommand huawei = command(Provider.HUAWEI_CASE);
        byte[] bytes = write(huawei);
        Schema previous = previous(ChatCommand.getClassSchema());
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(ChatCommand.getClassSchema(), previous);
        assertThatThrownBy(() -> reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null)))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("HUAWEI_CASE");
        // its other records still decode
        GenericRecord eightByEight =
                reader.read(null, DecoderFactory.get().binaryDecoder(write(command(Provider.EIGHT_BY_EIGHT)), null));
        assertThat(eightByEight.get("provider")).hasToString("EIGHT_BY_EIGHT");
    }

    @Test
    void aConsumerOnTodaysSchemaReadsASymbolAddedLaterAsUnknown() throws IOException {
        Schema future = edit(ChatCommand.getClassSchema(), root -> {
            ObjectNode provider = (ObjectNode) field(root, "provider").get("type");
            ((ArrayNode) provider.get("symbols")).insert(3, "RCS_BUSINESS");
        });
        GenericRecord written = new GenericData.Record(future);
        ChatCommand template = command(Provider.NXCLOUD);
        for (Schema.Field f : future.getFields()) {
            Object value = template.get(f.name());
            written.put(
                    f.name(),
                    value instanceof Instant i
                            ? i.toEpochMilli()
                            : value instanceof Enum<?> e ? new GenericData.EnumSymbol(f.schema(), e.name()) : value);
        }
        written.put(
                "provider",
                new GenericData.EnumSymbol(future.getField("provider").schema(), "RCS_BUSINESS"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(future).write(written, encoder);
        encoder.flush();

        ChatCommand read = new SpecificDatumReader<ChatCommand>(future, ChatCommand.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(read.getProvider()).isEqualTo(Provider.UNKNOWN);
        assertThat(read.getCommandId()).isEqualTo(template.getCommandId());
    }

    /**
     * A consumer still on the contract before a provider was added (UNKNOWN as the default, no symbol for it) reads
     * that provider's command whole, with {@code provider = UNKNOWN} (docs/operations.md, "Upgrades").
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WHATSAPP_CLOUD", "INFOBIP", "MESSENGER", "TWILIO", "GOOGLE_RBM"})
    void aConsumerOnTheContractBeforeAProviderReadsItsCommandsAsUnknown(String added) throws IOException {
        Schema before = edit(ChatCommand.getClassSchema(), root -> {
            ArrayNode symbols = (ArrayNode) field(root, "provider").get("type").get("symbols");
            for (int i = symbols.size() - 1; i >= 0; i--) {
                if (symbols.get(i).asText().equals(added)) {
                    symbols.remove(i);
                }
            }
        });
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ChatCommand.getClassSchema(), before)
                        .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        ChatCommand command = command(Provider.valueOf(added));
        GenericRecord read = new GenericDatumReader<GenericRecord>(ChatCommand.getClassSchema(), before)
                .read(null, DecoderFactory.get().binaryDecoder(write(command), null));
        assertThat(read.get("provider")).hasToString("UNKNOWN");
        assertThat(read.get("commandId")).hasToString(command.getCommandId());
    }

    /** The schema as it was before the Huawei provider: no HUAWEI_CASE, no UNKNOWN, no enum defaults, no groupId. */
    static Schema previous(Schema today) {
        return edit(today, root -> strip(root));
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if ("enum".equals(o.path("type").asText())) {
                ArrayNode symbols = (ArrayNode) o.get("symbols");
                for (int i = symbols.size() - 1; i >= 0; i--) {
                    String symbol = symbols.get(i).asText();
                    if (symbol.equals("UNKNOWN")
                            || symbol.equals("HUAWEI_CASE")
                            || symbol.equals("WHATSAPP_CLOUD")
                            || symbol.equals("INFOBIP")
                            || symbol.equals("MESSENGER")
                            || symbol.equals("TWILIO")
                            || symbol.equals("GOOGLE_RBM")) {
                        symbols.remove(i);
                    }
                }
                o.remove("default");
            }
            if (o.has("fields")) {
                ArrayNode fields = (ArrayNode) o.get("fields");
                for (int i = fields.size() - 1; i >= 0; i--) {
                    if (fields.get(i).path("name").asText().equals("groupId")) {
                        fields.remove(i);
                    }
                }
            }
            o.elements().forEachRemaining(EnumEvolutionTest::strip);
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(EnumEvolutionTest::strip);
        }
    }

    private static ObjectNode field(ObjectNode root, String name) {
        for (var f : root.get("fields")) {
            if (f.get("name").asText().equals(name)) {
                return (ObjectNode) f;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static Schema edit(Schema schema, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
            change.accept(root);
            return new Schema.Parser().parse(root.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ChatCommand command(Provider provider) {
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        return ChatCommand.newBuilder()
                .setCommandId("cmd-1")
                .setAction(CommandAction.MARK_READ)
                .setProvider(provider)
                .setAccount("acme")
                .setChannel("case")
                .setCustomer("TT1")
                .setMessageId("m-1")
                .setInboundAt(t)
                .setDecidedAt(t)
                .setNotAfter(t.plusSeconds(60))
                .setTrigger(Trigger.ON_RECEIPT)
                .build();
    }

    private static byte[] write(ChatCommand command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(ChatCommand.class).write(command, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
