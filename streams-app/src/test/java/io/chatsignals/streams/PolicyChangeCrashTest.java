package io.chatsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.contract.Policies;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.devstack.AppProcess;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A business changes its policy while its reads wait for their quiet period, and streams-app — a separate JVM — is
 * killed with SIGKILL right after: once restarted, the waiting reads follow the new policy, and across the crash
 * nothing is decided twice (the commands read_committed, each command id once). Then the business turns reads off.
 */
@KafkaStack
class PolicyChangeCrashTest {
    private static final String ACME = "acme_support";
    private static final String GLOBEX = "globex_sales";
    private static final int CONVERSATIONS = 10;

    @Test
    void aPolicyChangedAroundAKillIsAppliedOnceAndNothingIsDecidedTwice(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = new HashMap<>();
        ProviderSpecs.withInbound().stream()
                .filter(spec -> !spec.inbound().orElseThrow().optIn())
                .forEach(spec -> settings.put(InboundSpec.topicSetting(spec.key()), run + "-" + spec.key()));
        for (String t : List.of("activity", "commands", "inbound-dlq", "policies")) {
            settings.put("topic." + t, run + "-" + t);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(settings.values().stream()
                            .map(t -> new NewTopic(t, 2, (short) 1)) // two tasks: the policy reaches both
                            .toList())
                    .all()
                    .get();
        }
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("schema.registry.url", registry.url());
        settings.put("application.id", "policy-crash-" + run);
        settings.put("state.dir", dir.resolve("state").toString());
        settings.put("read.delay", "4s");
        settings.put("kafka.commit.interval.ms", "100");

        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        serializer);
                KafkaConsumer<String, ChatCommand> commands = commandsConsumer(kafka, registry)) {
            commands.subscribe(List.of(settings.get("topic.commands")));
            List<ChatCommand> seen = new ArrayList<>();

            AppProcess first = AppProcess.start(StreamsApp.class, settings, Map.of(), List.of(), dir, "streams-1");
            messages(producer, settings, ACME, "a");
            messages(producer, settings, GLOBEX, "g");
            // acme turns to on-agent-view while its reads wait; streams-app is killed as soon as that is written
            policy(producer, settings, ReadPolicy.ON_AGENT_VIEW);
            first.kill();
            try (AppProcess second =
                    AppProcess.start(StreamsApp.class, settings, Map.of(), List.of(), dir, "streams-2")) {
                // globex (global on-receipt) is read after its quiet period; acme's reads, due as long, are not
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> reads(poll(commands, seen), GLOBEX) == CONVERSATIONS);
                assertThat(reads(seen, ACME))
                        .as("acme's waiting reads, under on-agent-view")
                        .isZero();

                views(producer, settings, ACME);
                await().atMost(Duration.ofSeconds(60)).until(() -> reads(poll(commands, seen), ACME) == CONVERSATIONS);
                assertThat(seen.stream().filter(c -> c.getAccount().equals(ACME)))
                        .allSatisfy(c -> {
                            assertThat(c.getDecidedBy().getSource()).isEqualTo(PolicySource.ACCOUNT);
                            assertThat(c.getDecidedBy().getPolicy()).isEqualTo("on-agent-view");
                        });

                // then off: new messages and views of acme decide nothing; globex's new ones mark the time passed
                policy(producer, settings, ReadPolicy.OFF);
                messages(producer, settings, ACME, "a2");
                messages(producer, settings, GLOBEX, "g2");
                views(producer, settings, ACME);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> reads(poll(commands, seen), GLOBEX) == 2 * CONVERSATIONS);
                assertThat(reads(poll(commands, seen), ACME)).isEqualTo(CONVERSATIONS);
            }
            assertThat(seen).extracting(ChatCommand::getCommandId).doesNotHaveDuplicates();
        }
    }

    private static void messages(
            KafkaProducer<String, SpecificRecord> producer, Map<String, String> settings, String account, String tag)
            throws Exception {
        for (int i = 0; i < CONVERSATIONS; i++) {
            String customer = "+1555000" + String.format("%04d", i);
            EightByEightInbound m = EightByEightInbound.newBuilder()
                    .setUmid(UUID.nameUUIDFromBytes((account + tag + i).getBytes())
                            .toString())
                    .setSubAccountId(account)
                    .setTimestamp(Instant.now())
                    .setChannel("whatsapp")
                    .setMsisdn(customer)
                    .build();
            producer.send(new ProducerRecord<>(
                            settings.get("topic.inbound-8x8"),
                            Keys.conversation(Provider.EIGHT_BY_EIGHT, account, customer),
                            m))
                    .get();
        }
    }

    private static void views(
            KafkaProducer<String, SpecificRecord> producer, Map<String, String> settings, String account)
            throws Exception {
        for (int i = 0; i < CONVERSATIONS; i++) {
            String customer = "+1555000" + String.format("%04d", i);
            producer.send(new ProducerRecord<>(
                            settings.get("topic.activity"),
                            Keys.conversation(Provider.EIGHT_BY_EIGHT, account, customer),
                            ConversationActivity.newBuilder()
                                    .setProvider(Provider.EIGHT_BY_EIGHT)
                                    .setAccount(account)
                                    .setCustomer(customer)
                                    .setKind(ActivityKind.AGENT_VIEWED)
                                    .setOccurredAt(Instant.now())
                                    .build()))
                    .get();
        }
    }

    private static void policy(
            KafkaProducer<String, SpecificRecord> producer, Map<String, String> settings, ReadPolicy read)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        settings.get("topic.policies"),
                        Policies.key(Provider.EIGHT_BY_EIGHT, ACME),
                        BusinessPolicy.newBuilder()
                                .setProvider(Provider.EIGHT_BY_EIGHT)
                                .setAccount(ACME)
                                .setReadPolicy(read)
                                .setUpdatedAt(Instant.now())
                                .build()))
                .get();
    }

    private static KafkaConsumer<String, ChatCommand> commandsConsumer(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) {
        KafkaAvroDeserializer<ChatCommand> values = new KafkaAvroDeserializer<>();
        values.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                values);
    }

    private static List<ChatCommand> poll(KafkaConsumer<String, ChatCommand> consumer, List<ChatCommand> seen) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        return seen;
    }

    private static long reads(List<ChatCommand> commands, String account) {
        return commands.stream().filter(c -> c.getAccount().equals(account)).count();
    }
}
