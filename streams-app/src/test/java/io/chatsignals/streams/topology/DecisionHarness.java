package io.chatsignals.streams.topology;

import io.chatsignals.contract.Policies;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.TwilioInbound;
import io.chatsignals.schema.TypingPolicy;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.serde.MockSchemaRegistry;
import io.chatsignals.serde.SchemaRegistryClient;
import io.chatsignals.serde.SpecificAvroSerde;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.streams.decide.DecisionMetrics;
import io.chatsignals.streams.decide.DecisionSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The decision topology on a TopologyTestDriver with an in-memory registry, a mocked wall clock and readable inputs. */
final class DecisionHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    static final Topics TOPICS = Topics.defaults();

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    private final String scope = "harness-" + UUID.randomUUID();
    private final TestInputTopic<byte[], EightByEightInbound> in8x8;
    private final TestInputTopic<byte[], NxCloudInbound> inNx;
    private final TestInputTopic<byte[], HuaweiCaseInbound> inHuawei;
    private final TestInputTopic<byte[], WhatsAppCloudInbound> inCloud;
    private final TestInputTopic<byte[], TwilioInbound> inTwilio;
    private final TestInputTopic<byte[], ConversationActivity> inActivity;
    private final TestInputTopic<byte[], BusinessPolicy> inPolicies;
    final TestInputTopic<byte[], byte[]> rawPolicies;
    final TestInputTopic<byte[], byte[]> raw8x8;
    private final TestOutputTopic<String, ChatCommand> commands;
    final TestOutputTopic<byte[], byte[]> dlq;

    DecisionHarness(DecisionSettings settings) {
        SchemaRegistryClient registry = MockSchemaRegistry.forScope(scope);
        Properties props = new Properties();
        props.putAll(StreamsSettings.streamsProperties("decisions-test", "dummy:9092", TOPICS.inboundDlq()));
        try {
            props.put("state.dir", Files.createTempDirectory("tt-driver").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(
                DecisionTopology.build(TOPICS, settings, registry, new DecisionMetrics(meters)), props, T0);
        in8x8 = driver.createInputTopic(
                TOPICS.inbound("8x8"),
                new ByteArraySerializer(),
                serde(registry, EightByEightInbound.class).serializer());
        inNx = driver.createInputTopic(
                TOPICS.inbound("nxcloud"),
                new ByteArraySerializer(),
                serde(registry, NxCloudInbound.class).serializer());
        inHuawei = driver.createInputTopic(
                TOPICS.inbound("huawei-case"),
                new ByteArraySerializer(),
                serde(registry, HuaweiCaseInbound.class).serializer());
        inCloud = driver.createInputTopic(
                TOPICS.inbound("whatsapp-cloud"),
                new ByteArraySerializer(),
                serde(registry, WhatsAppCloudInbound.class).serializer());
        inTwilio = driver.createInputTopic(
                TOPICS.inbound("twilio"),
                new ByteArraySerializer(),
                serde(registry, TwilioInbound.class).serializer());
        inActivity = driver.createInputTopic(
                TOPICS.inbound("activity"),
                new ByteArraySerializer(),
                serde(registry, ConversationActivity.class).serializer());
        raw8x8 = driver.createInputTopic(TOPICS.inbound("8x8"), new ByteArraySerializer(), new ByteArraySerializer());
        inPolicies = driver.createInputTopic(
                TOPICS.policies(),
                new ByteArraySerializer(),
                serde(registry, BusinessPolicy.class).serializer());
        rawPolicies = driver.createInputTopic(TOPICS.policies(), new ByteArraySerializer(), new ByteArraySerializer());
        commands = driver.createOutputTopic(
                TOPICS.commands(),
                new StringDeserializer(),
                serde(registry, ChatCommand.class).deserializer());
        dlq = driver.createOutputTopic(TOPICS.inboundDlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> serde(SchemaRegistryClient registry, Class<T> type) {
        return new SpecificAvroSerde<>(registry, type, true);
    }

    private Duration elapsed = Duration.ZERO;

    /** The wall clock now. */
    Instant now() {
        return T0.plus(elapsed);
    }

    /** Advances the wall clock (punctuators run). */
    void advance(Duration d) {
        elapsed = elapsed.plus(d);
        driver.advanceWallClockTime(d);
    }

    void whatsApp8x8(String umid, String account, String msisdn, Instant receivedAt) {
        eightByEight(umid, account, msisdn, "whatsapp", receivedAt);
    }

    /** @return the 8x8 umid (a UUID, as 8x8 issues them) that stands for a readable label in these tests */
    static String umid(String label) {
        return UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Pipes an 8x8 inbound message whose umid is {@link #umid(String) umid(label)}. */
    void eightByEight(String label, String account, String msisdn, String channel, Instant receivedAt) {
        eightByEightRaw(umid(label), account, msisdn, channel, receivedAt);
    }

    /** Pipes an 8x8 inbound message with the umid exactly as given (validation tests). */
    void eightByEightRaw(String umid, String account, String msisdn, String channel, Instant receivedAt) {
        in8x8.pipeInput(new TestRecord<>(
                null,
                EightByEightInbound.newBuilder()
                        .setUmid(umid)
                        .setSubAccountId(account)
                        .setTimestamp(receivedAt)
                        .setChannel(channel)
                        .setMsisdn(msisdn)
                        .build()));
    }

    void nxCloud(String messageId, String phone, String waId, Instant receivedAt) {
        nxCloud(messageId, phone, waId, receivedAt, "app-1");
    }

    /** @param appId the webhook's {@code app_id}, null when the webhook carried none */
    void nxCloud(String messageId, String phone, String waId, Instant receivedAt, String appId) {
        inNx.pipeInput(new TestRecord<>(
                null,
                NxCloudInbound.newBuilder()
                        .setMessageId(messageId)
                        .setBusinessPhone(phone)
                        .setWaId(waId)
                        .setTimestamp(receivedAt)
                        .setAppId(appId)
                        .build()));
    }

    /** Pipes a Huawei case message as the source connector writes it (replier type 1, an engineer). */
    void huaweiCase(String messageId, String account, String caseId, Instant createdAt, String groupId) {
        inHuawei.pipeInput(new TestRecord<>(
                caseId.getBytes(StandardCharsets.UTF_8),
                HuaweiCaseInbound.newBuilder()
                        .setMessageId(messageId)
                        .setCaseId(caseId)
                        .setAccount(account)
                        .setCreatedAt(createdAt)
                        .setReplierType(1)
                        .setReplier("eng-1")
                        .setGroupId(groupId)
                        .build()));
    }

    /** Pipes a WhatsApp Cloud API message; {@code groupId} null for a one-to-one conversation. */
    void whatsAppCloud(String wamid, String phoneNumberId, String waId, Instant at, String groupId) {
        inCloud.pipeInput(new TestRecord<>(
                null,
                WhatsAppCloudInbound.newBuilder()
                        .setMessageId(wamid)
                        .setPhoneNumberId(phoneNumberId)
                        .setWaId(waId)
                        .setTimestamp(at)
                        .setMessageType("text")
                        .setGroupId(groupId)
                        .build()));
    }

    /** Pipes a Twilio WhatsApp message as the ingress writes it: {@code receivedAt} is the ingress's receipt time. */
    void twilio(String messageSid, String accountSid, String from, Instant receivedAt) {
        inTwilio.pipeInput(new TestRecord<>(
                null,
                TwilioInbound.newBuilder()
                        .setMessageSid(messageSid)
                        .setAccountSid(accountSid)
                        .setFrom(from)
                        .setTo("whatsapp:+15550000001")
                        .setChannel("whatsapp")
                        .setReceivedAt(receivedAt)
                        .build()));
    }

    void activity(Provider provider, String account, String customer, ActivityKind kind, Instant at) {
        inActivity.pipeInput(new TestRecord<>(
                null,
                ConversationActivity.newBuilder()
                        .setProvider(provider)
                        .setAccount(account)
                        .setCustomer(customer)
                        .setKind(kind)
                        .setOccurredAt(at)
                        .build()));
    }

    /**
     * Publishes a business policy under its key (a null field inherits).
     *
     * @param account an account, or {@code *} for the provider's default
     */
    void policy(Provider provider, String account, ReadPolicy read, Long readDelayMs, TypingPolicy typing) {
        inPolicies.pipeInput(new TestRecord<>(
                Policies.key(provider, account).getBytes(StandardCharsets.UTF_8),
                BusinessPolicy.newBuilder()
                        .setProvider(provider)
                        .setAccount(account)
                        .setReadPolicy(read)
                        .setReadDelayMs(readDelayMs)
                        .setTypingPolicy(typing)
                        .setUpdatedAt(now())
                        .setUpdatedBy("test")
                        .build()));
    }

    /** Publishes a record of the policies topic as given: any key, any value (null: a tombstone). */
    void policyRecord(String key, BusinessPolicy value) {
        inPolicies.pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    /** @return the commands emitted since the last call */
    List<TestRecordView> commands() {
        return commands.readRecordsToList().stream()
                .map(r -> new TestRecordView(r.key(), r.value()))
                .toList();
    }

    /** @return how many times the reason was counted as a skip */
    double skips(String reason) {
        return meters.find("chatsignals.skips").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    record TestRecordView(String key, ChatCommand command) {}

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.dropScope(scope);
    }
}
