package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.ChatCommand;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.ParsedSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.junit.jupiter.api.Test;

/**
 * Our bytes and registry calls agree with Confluent's own client logic: the relocated {@code CachedSchemaRegistryClient}
 * from flink-sql-avro-confluent-registry is the oracle, and a record framed by hand decodes with our deserializer.
 */
@KafkaStack
class ConfluentInteropTest {

    @Test
    void confluentClientFindsTheIdAndSchemaOurSerializerRegistered(EmbeddedSchemaRegistry registry) throws Exception {
        String topic = "interop-" + UUID.randomUUID();
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        byte[] bytes = serializer.serialize(topic, ContractSamples.command());
        int ourId = WireFormat.parse(topic, bytes).schemaId();

        var confluent = new org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client
                .CachedSchemaRegistryClient(registry.url(), 10);
        ParsedSchema byId = confluent.getSchemaById(ourId);
        assertThat(fingerprint(new Schema.Parser().parse(byId.canonicalString())))
                .isEqualTo(fingerprint(ChatCommand.getClassSchema()));
        assertThat(confluent.getId(
                        topic + "-value",
                        new AvroSchema(ChatCommand.getClassSchema().toString())))
                .isEqualTo(ourId);
        assertThat(confluent.getLatestSchemaMetadata(topic + "-value").getId()).isEqualTo(ourId);
    }

    @Test
    void ourClientFindsWhatConfluentsClientRegistered(EmbeddedSchemaRegistry registry) throws Exception {
        String subject = "interop-confluent-" + UUID.randomUUID() + "-value";
        var confluent = new org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client
                .CachedSchemaRegistryClient(registry.url(), 10);
        int confluentId = confluent.register(
                subject, new AvroSchema(ChatCommand.getClassSchema().toString()));

        SchemaRegistryClient ours = CachedSchemaRegistryClient.fromConfig(
                SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url())));
        assertThat(ours.idOf(subject, ChatCommand.getClassSchema())).isEqualTo(confluentId);
        assertThat(fingerprint(ours.schemaById(confluentId))).isEqualTo(fingerprint(ChatCommand.getClassSchema()));
    }

    @Test
    void recordFramedByHandFromARestRegisteredSchemaDecodes(EmbeddedSchemaRegistry registry) throws Exception {
        String topic = "interop-hand-" + UUID.randomUUID();
        Schema schema = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"Hand\",\"namespace\":\"test.interop\","
                        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"}]}");
        // register through the REST API directly, as any non-Java producer would
        String body = "{\"schema\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(schema.toString()) + "}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + topic + "-value/versions"))
                                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        int id = Integer.parseInt(response.body().replaceAll("\\D*\"id\"\\s*:\\s*(\\d+).*", "$1"));

        GenericRecord record = new GenericData.Record(schema);
        record.put("id", "hand-made");
        record.put("n", 42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();

        KafkaAvroDeserializer<GenericRecord> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        GenericRecord back = deserializer.deserialize(topic, out.toByteArray());
        assertThat(back.get("id")).hasToString("hand-made");
        assertThat(back.get("n")).isEqualTo(42);
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
