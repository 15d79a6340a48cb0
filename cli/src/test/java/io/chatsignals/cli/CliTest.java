package io.chatsignals.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.contract.Schemas;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.TwilioInbound;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.serde.CachedSchemaRegistryClient;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SchemaNotFoundException;
import io.chatsignals.serde.SchemaRegistryClient;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.webhooks.Samples;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator CLI against a real broker and registry, as a user runs it: arguments in, exit code and output out. */
@KafkaStack
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run of the CLI: exit code, standard output and standard error. */
    record Run(int exit, String out, String err) {
        List<JsonNode> jsonLines() throws Exception {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }
    }

    static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ChatSignalsCli.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String[] cluster(KafkaBroker kafka, EmbeddedSchemaRegistry registry, String... rest) {
        List<String> args = new ArrayList<>(List.of(rest));
        args.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url()));
        return args.toArray(String[]::new);
    }

    @Test
    void publishMapsFilesAndStdinAndNamesWhatItRejects(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path good = Files.writeString(dir.resolve("a.json"), Samples.read("8x8-inbound-whatsapp-text.json"));
        Path bad = Files.writeString(
                dir.resolve("bad.json"),
                Samples.read("8x8-inbound-whatsapp-text.json").replace("\"subAccountId\"", "\"sub\""));
        Path form = Files.writeString(dir.resolve("twilio.form"), Samples.read("twilio-inbound-whatsapp.form"));
        String stdin = Samples.read("nxcloud-inbound-anonymous-merchant-phone.json") + "\n"
                + Samples.read("nxcloud-inbound-text.json") + "\n"
                + Samples.read("whatsapp-cloud-inbound-group.json") + "\n"
                + Samples.read("whatsapp-cloud-statuses.json");

        Run r = run(
                stdin,
                cluster(
                        kafka,
                        registry,
                        "publish",
                        "--topic-8x8",
                        "cli-" + run + "-8x8",
                        "--topic-nxcloud",
                        "cli-" + run + "-nx",
                        "--topic-whatsapp-cloud",
                        "cli-" + run + "-cloud",
                        "--topic-twilio",
                        "cli-" + run + "-twilio",
                        good.toString(),
                        bad.toString(),
                        form.toString(),
                        "-"));

        assertThat(r.exit())
                .as("a rejected payload makes the exit code non-zero")
                .isEqualTo(1);
        assertThat(r.err())
                .contains("bad.json")
                .contains("payload.subAccountId is required")
                .contains("nothing published");
        assertThat(r.out()).contains("published=7 rejected=1 receipts=2");
        assertThat(read(kafka, registry, "cli-" + run + "-twilio", 1))
                .as("a form-encoded webhook (Twilio's) is published as its provider posts it")
                .singleElement()
                .isInstanceOfSatisfying(TwilioInbound.class, m -> assertThat(m.getMessageSid())
                        .isEqualTo("SM5e6b1d3c2b9a4f7e8d0c1b2a3f4e5d6c"));
        assertThat(read(kafka, registry, "cli-" + run + "-cloud", 2)).hasSize(2).allSatisfy(r2 -> assertThat(r2)
                .isInstanceOfSatisfying(WhatsAppCloudInbound.class, m -> assertThat(m.getGroupId())
                        .isNotNull()));
        assertThat(read(kafka, registry, "cli-" + run + "-8x8", 1))
                .singleElement()
                .isInstanceOfSatisfying(EightByEightInbound.class, m -> assertThat(m.getSubAccountId())
                        .isEqualTo("acme_support"));
        assertThat(read(kafka, registry, "cli-" + run + "-nx", 3))
                .hasSize(3)
                .allMatch(r2 -> r2 instanceof NxCloudInbound);
        assertThat(readRaw(kafka, "cli-" + run + "-8x8", 1))
                .extracting(r2 -> new String(r2.key(), StandardCharsets.UTF_8))
                .as("keyed by conversation, as ingress keys it")
                .containsExactly("EIGHT_BY_EIGHT:acme_support:+15551234567");
        assertThat(run(
                                "",
                                cluster(
                                        kafka,
                                        registry,
                                        "publish",
                                        "--topic-nxcloud",
                                        "cli-" + run + "-ok",
                                        dir.resolve("none.json").toString()))
                        .exit())
                .as("a missing file is a rejected source")
                .isEqualTo(1);
        assertThat(run("", "publish", "--schema-registry-url", registry.url(), good.toString())
                        .err())
                .contains("missing --bootstrap-servers");
    }

    @Test
    void statusTailPrintsFilteredJsonLinesAndFollows(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        String topic = "cli-status-" + UUID.randomUUID();
        send(
                kafka,
                registry,
                topic,
                status("c-1", Provider.EIGHT_BY_EIGHT, "acme", Outcome.SUCCEEDED),
                status("c-2", Provider.EIGHT_BY_EIGHT, "acme", Outcome.FAILED),
                status("c-3", Provider.NXCLOUD, "8613800000000", Outcome.FAILED));

        List<JsonNode> all = run("", cluster(kafka, registry, "status", "tail", "--topic", topic))
                .jsonLines();
        assertThat(all).extracting(n -> n.path("commandId").asText()).containsExactlyInAnyOrder("c-1", "c-2", "c-3");
        JsonNode failed = run(
                        "",
                        cluster(
                                kafka,
                                registry,
                                "status",
                                "tail",
                                "--topic",
                                topic,
                                "--provider",
                                "eight_by_eight",
                                "--outcome",
                                "FAILED"))
                .jsonLines()
                .get(0);
        assertThat(failed.path("commandId").asText()).isEqualTo("c-2");
        assertThat(failed.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(failed.path("completedAt").asText()).isEqualTo("2026-11-23T10:00:04Z");
        assertThat(failed.path("errorCode").asInt()).isEqualTo(1300);
        assertThat(failed.at("/details").isNull()).isTrue();
        assertThat(run("", cluster(kafka, registry, "status", "tail", "--topic", topic, "--account", "8613800000000"))
                        .jsonLines())
                .extracting(n -> n.path("commandId").asText())
                .containsExactly("c-3");

        CompletableFuture<Run> follower = CompletableFuture.supplyAsync(() -> run(
                "",
                cluster(kafka, registry, "status", "tail", "--topic", topic, "--follow", "--from-end", "--max", "1")));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            send(kafka, registry, topic, status("c-4", Provider.NXCLOUD, "8613800000000", Outcome.EXPIRED));
            return follower.isDone();
        });
        List<JsonNode> followed = follower.get(10, TimeUnit.SECONDS).jsonLines();
        assertThat(followed)
                .singleElement()
                .satisfies(n -> assertThat(n.path("commandId").asText()).isEqualTo("c-4"));
    }

    @Test
    void dlqReplayRepublishesToTheSourceTopicWithAFilterAndADryRun(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dlq = "cli-dlq-" + run;
        String source = "cli-src-" + run;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(dlqRecord(dlq, "__streams.errors.", source, "registry: schema 7 not found", "k1", "v1"))
                    .get();
            producer.send(dlqRecord(dlq, "chatsignals.dlq.", source, "invalid: umid is not a UUID", "k2", "v2"))
                    .get();
            producer.send(dlqRecord(
                            dlq, "chatsignals.dlq.", "elsewhere-" + run, "registry: schema 8 not found", "k3", "v3"))
                    .get();
        }
        Run dry =
                run("", cluster(kafka, registry, "dlq", "replay", "--dlq", dlq, "--reason", "^registry", "--dry-run"));
        assertThat(dry.exit()).isZero();
        assertThat(dry.jsonLines())
                .extracting(n -> n.path("to").asText())
                .containsExactlyInAnyOrder(source, "elsewhere-" + run);
        assertThat(dry.out()).contains("would replay=2 filtered=1 no-source=0");

        Run replay = run(
                "",
                cluster(
                        kafka,
                        registry,
                        "dlq",
                        "replay",
                        "--dlq",
                        dlq,
                        "--reason",
                        "^registry",
                        "--source-topic",
                        source));
        assertThat(replay.exit()).isZero();
        assertThat(replay.out()).contains("replayed=1 filtered=2 no-source=0");
        List<ConsumerRecord<byte[], byte[]>> replayed = readRaw(kafka, source, 1);
        assertThat(replayed).singleElement().satisfies(r -> {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("v1");
            assertThat(new String(
                            r.headers().lastHeader("chatsignals.replayed-from").value(), StandardCharsets.UTF_8))
                    .startsWith(dlq + "-0@");
            assertThat(r.headers().lastHeader("trace-id"))
                    .as("the record's own headers travel")
                    .isNotNull();
            assertThat(r.headers().lastHeader("__streams.errors.message"))
                    .as("DLQ headers do not")
                    .isNull();
        });
        assertThat(readRaw(kafka, "elsewhere-" + run, 0))
                .as("the dry run sent nothing")
                .isEmpty();
    }

    @Test
    void registerSchemasChecksEverySubjectFirstAndIsIdempotent(EmbeddedSchemaRegistry registry) {
        SchemaRegistryClient client = CachedSchemaRegistryClient.fromConfig(
                SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url())));
        String commands = Schemas.valueSubject(Schemas.Topics.COMMANDS);
        String inbound = Schemas.valueSubject(Schemas.Topics.INBOUND_8X8);
        Schema older = SchemaBuilder.record(ChatCommand.getClassSchema().getName())
                .namespace(ChatCommand.getClassSchema().getNamespace())
                .fields()
                .requiredString("account")
                .endRecord(); // the contract cannot read it: commandId has no default
        client.register(commands, older);
        String[] args = {"register-schemas", "--schema-registry-url", registry.url()};

        Run refused = run("", args);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains(commands + ": io.chatsignals.schema.ChatCommand is not compatible")
                .contains("nothing registered");
        assertThatThrownBy(() -> client.latest(inbound))
                .as("nothing registered")
                .isInstanceOf(SchemaNotFoundException.class);

        registry.setCompatibility(
                "NONE"); // the operator resolves it (here: by letting the contract replace the odd version)
        client.register(commands, ChatCommand.getClassSchema());
        registry.setCompatibility("BACKWARD");
        Run first = run("", args);
        Run second = run("", args);
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("registered=" + Schemas.valueSchemas().size());
        assertThat(second.out()).as("registering again changes nothing").isEqualTo(first.out());
        Schemas.valueSchemas().forEach((topic, schema) -> assertThat(
                        client.latest(Schemas.valueSubject(topic)).schema())
                .isEqualTo(schema));
        assertThat(run("", "register-schemas", "--schema-registry-url", "http://127.0.0.1:1/apis/ccompat/v7")
                        .exit())
                .as("an unreachable registry is exit 3")
                .isEqualTo(ChatSignalsCli.UNREACHABLE);
    }

    private static ProducerRecord<byte[], byte[]> dlqRecord(
            String dlq, String prefix, String source, String reason, String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        headers.add(prefix + "topic", source.getBytes(StandardCharsets.UTF_8));
        headers.add(prefix + (prefix.startsWith("__") ? "message" : "reason"), reason.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                dlq, 0, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static CommandStatus status(String id, Provider provider, String account, Outcome outcome) {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        boolean failed = outcome == Outcome.FAILED;
        return CommandStatus.newBuilder()
                .setCommandId(id)
                .setAction(CommandAction.MARK_READ)
                .setProvider(provider)
                .setAccount(account)
                .setChannel("whatsapp")
                .setCustomer("+15551234567")
                .setMessageId("m-" + id)
                .setInboundAt(t0)
                .setDecidedAt(t0.plusSeconds(1))
                .setOutcome(outcome)
                .setAttempts(1)
                .setHttpStatus(failed ? 404 : 200)
                .setErrorCode(failed ? 1300 : null)
                .setErrorMessage(failed ? "not found" : null)
                .setFirstAttemptAt(t0.plusSeconds(2))
                .setCompletedAt(t0.plusSeconds(4))
                .setEnrichment(Enrichment.NOT_APPLICABLE)
                .build();
    }

    private static void send(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, String topic, CommandStatus... statuses)
            throws Exception {
        KafkaAvroSerializer<CommandStatus> values = new KafkaAvroSerializer<>();
        values.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        try (KafkaProducer<String, CommandStatus> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), values)) {
            for (CommandStatus s : statuses) {
                producer.send(new ProducerRecord<>(
                                topic, Keys.conversation(s.getProvider(), s.getAccount(), s.getCustomer()), s))
                        .get();
            }
        }
    }

    private static List<Object> read(KafkaBroker kafka, EmbeddedSchemaRegistry registry, String topic, int count) {
        KafkaAvroDeserializer<Object> values = new KafkaAvroDeserializer<>();
        values.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        List<Object> out = new ArrayList<>();
        readRaw(kafka, topic, count).forEach(r -> out.add(values.deserialize(topic, r.value())));
        return out;
    }

    /** Reads a topic from the beginning until {@code count} records came, or for 3 s when {@code count} is 0. */
    private static List<ConsumerRecord<byte[], byte[]>> readRaw(KafkaBroker kafka, String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return out; // no such topic: nothing was ever sent to it
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline =
                    System.nanoTime() + Duration.ofSeconds(count == 0 ? 3 : 20).toNanos();
            while ((count == 0 || out.size() < count) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
