package io.chatsignals.devstack.run.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.simulator.KnownMessages;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.webhooks.Samples;
import io.chatsignals.webhooks.WebhookException;
import io.chatsignals.webhooks.WebhookMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes inbound traffic made from the real-format webhook samples in {@code src/main/resources/webhooks/}, varied
 * per account and customer and mapped with {@link WebhookMapper} (as the publish CLI does), plus agent activity:
 * bursts, redelivered webhooks (same message again after 1 s, as 8x8 retries), late messages (received 30 s earlier
 * than they arrive), agent typing/viewing/replying. A share of the conversations run through the WhatsApp Cloud API:
 * webhooks of one or two messages of the same second, and now and then a group. Every message is told to
 * {@code delivered} (a simulator registers it as delivered).
 * With {@link CaseThreads} given, a share of the conversations are Huawei support cases: bursts of messages by Huawei's
 * engineers (now and then after one of the customer's own) written into the case threads that the Huawei case source
 * connector polls, and agents viewing the case afterwards.
 */
public final class TrafficGenerator implements AutoCloseable {
    /**
     * @param ratePerSecond  new conversations' first messages per second
     * @param accounts       accounts per provider
     * @param customers      customers per account
     * @param burstShare     share of messages followed by 1–3 more in the same conversation
     * @param redeliveryShare share of webhooks delivered twice
     * @param lateShare      share of messages that arrive 30 s late
     * @param agentShare     share of messages an agent answers (typing, then a reply)
     */
    public record Options(
            double ratePerSecond,
            int accounts,
            int customers,
            double burstShare,
            double redeliveryShare,
            double lateShare,
            double agentShare,
            long seed) {}

    /** Where Huawei case messages are written: the case threads the connector polls (the simulator's, locally). */
    @FunctionalInterface
    public interface CaseThreads {
        /**
         * @param replierType 0 the customer, 1–3 Huawei's side
         */
        void add(String caseId, int replierType, String replier, String content);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Share of conversations that are Huawei cases, when case threads are given. */
    private static final double HUAWEI_SHARE = 0.15;

    private final Options options;
    private final Consumer<KnownMessages.Message> delivered;
    private final CaseThreads cases;
    private final String huaweiAccount;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "traffic"));
    private final SplittableRandom random;
    private final ObjectNode eightByEightTemplate = template("8x8-inbound-whatsapp-text.json");
    private final ObjectNode nxCloudTemplate = template("nxcloud-inbound-text.json");
    private final ObjectNode cloudTemplate = template("whatsapp-cloud-inbound-text.json");
    private final AtomicLong inbound = new AtomicLong();
    private final AtomicLong activities = new AtomicLong();
    private final AtomicLong caseMessages = new AtomicLong();
    private volatile WebhookPoster ingress;

    /**
     * @param delivered told of every message published, so a provider simulator can answer for it as delivered (the
     *                  local run registers them; a lenient simulator needs nothing)
     * @param cases     the Huawei case threads to write into, {@link #caseId(int)} 0 … customers-1 of account
     *                  {@code huaweiAccount}; null for no Huawei traffic
     */
    public TrafficGenerator(
            Options options,
            String bootstrapServers,
            String registryUrl,
            Consumer<KnownMessages.Message> delivered,
            CaseThreads cases,
            String huaweiAccount) {
        this.options = options;
        this.delivered = delivered;
        this.cases = cases;
        this.huaweiAccount = huaweiAccount;
        this.random = new SplittableRandom(options.seed());
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(),
                serializer);
    }

    /**
     * Posts the webhooks to an ingress instead of writing their records to Kafka (agent activity still goes to Kafka);
     * call before {@link #start()}.
     *
     * @return this generator
     */
    public TrafficGenerator viaIngress(WebhookPoster poster) {
        this.ingress = poster;
        return this;
    }

    /** Where a generated webhook goes when it is posted over HTTP ({@link IngressPoster}). */
    @FunctionalInterface
    public interface WebhookPoster {
        /**
         * @param first the webhook's first record, which names its provider
         * @param json  the webhook's body as generated
         */
        void post(SpecificRecord first, String json);
    }

    /** Starts publishing at the configured rate; returns at once. */
    public void start() {
        long periodMicros = Math.max(1, Math.round(1_000_000 / options.ratePerSecond()));
        scheduler.scheduleAtFixedRate(this::safeTick, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** @return inbound records published so far (redeliveries included), and Huawei-side case messages written */
    public long inbound() {
        return inbound.get() + caseMessages.get();
    }

    /** @return messages by Huawei's side written into case threads so far (the connector turns each into one inbound record) */
    public long caseMessages() {
        return caseMessages.get();
    }

    /** @return agent activity records published so far */
    public long activities() {
        return activities.get();
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException | WebhookException e) {
            System.err.println("traffic: " + e);
        }
    }

    private void tick() throws WebhookException {
        if (cases != null && random.nextDouble() < HUAWEI_SHARE) {
            caseTick();
            return;
        }
        double draw = random.nextDouble();
        Provider provider =
                draw < 0.55 ? Provider.EIGHT_BY_EIGHT : draw < 0.8 ? Provider.NXCLOUD : Provider.WHATSAPP_CLOUD;
        int account = random.nextInt(options.accounts());
        int customer = random.nextInt(options.customers());
        String channel = provider != Provider.EIGHT_BY_EIGHT
                ? "whatsapp"
                : pick(new String[] {
                    "whatsapp",
                    "whatsapp",
                    "whatsapp",
                    "whatsapp",
                    "whatsapp",
                    "whatsapp",
                    "whatsapp",
                    "whatsapp",
                    "rcs",
                    "sms"
                });
        // a tenth of the Cloud API conversations are groups: the group is the conversation, each message read on its
        // own
        String group =
                provider == Provider.WHATSAPP_CLOUD && random.nextDouble() < 0.1 ? groupId(account, customer) : null;
        int messages = 1 + (random.nextDouble() < options.burstShare() ? 1 + random.nextInt(3) : 0);
        for (int i = 0; i < messages; i++) {
            boolean late = random.nextDouble() < options.lateShare();
            Instant at = Instant.now().minusSeconds(late ? 30 : 0);
            String json =
                    switch (provider) {
                        case EIGHT_BY_EIGHT -> eightByEightPayload(account, customer, channel, at);
                        case NXCLOUD -> nxCloudPayload(account, customer, at);
                        case WHATSAPP_CLOUD -> cloudPayload(
                                account, customer, group, at, random.nextDouble() < 0.3 ? 2 : 1);
                        case HUAWEI_CASE, UNKNOWN -> throw new IllegalStateException("no webhook for " + provider);
                    };
            publish(json);
            if (random.nextDouble() < options.redeliveryShare()) {
                scheduler.schedule(() -> safePublish(json), 1, TimeUnit.SECONDS);
            }
        }
        if (random.nextDouble() < options.agentShare()) {
            String acct =
                    switch (provider) {
                        case EIGHT_BY_EIGHT -> subAccount(account);
                        case NXCLOUD -> phone(account);
                        case WHATSAPP_CLOUD -> phoneNumberId(account);
                        case HUAWEI_CASE, UNKNOWN -> throw new IllegalStateException("no webhook for " + provider);
                    };
            String cust =
                    switch (provider) {
                        case EIGHT_BY_EIGHT -> msisdn(customer);
                        case NXCLOUD -> waId(customer);
                        case WHATSAPP_CLOUD -> group != null ? group : cloudWaId(customer);
                        case HUAWEI_CASE, UNKNOWN -> throw new IllegalStateException("no webhook for " + provider);
                    };
            scheduler.schedule(
                    () -> activity(provider, acct, cust, ActivityKind.AGENT_VIEWED), 800, TimeUnit.MILLISECONDS);
            scheduler.schedule(() -> activity(provider, acct, cust, ActivityKind.AGENT_TYPING), 1, TimeUnit.SECONDS);
            scheduler.schedule(() -> activity(provider, acct, cust, ActivityKind.REPLY_SENT), 4, TimeUnit.SECONDS);
        }
    }

    /** A burst of 1–4 engineer messages in one case, a fifth of them after a customer message; an agent views it 3 s later. */
    private void caseTick() {
        String caseId = caseId(random.nextInt(options.customers()));
        if (random.nextDouble() < 0.2) {
            cases.add(caseId, 0, "customer", "any news on " + caseId + "?"); // the customer's own: never marked
        }
        int messages = 1 + (random.nextDouble() < options.burstShare() ? 1 + random.nextInt(3) : 0);
        String engineer = "eng-" + (1 + Math.abs(caseId.hashCode()) % 5);
        for (int i = 0; i < messages; i++) {
            cases.add(caseId, 1, engineer, "update " + UUID.randomUUID() + " on " + caseId);
            caseMessages.incrementAndGet();
        }
        if (random.nextDouble() < options.agentShare()) {
            // after the connector's next poll: a view of a case whose messages are not in yet finds nothing to mark
            scheduler.schedule(
                    () -> activity(Provider.HUAWEI_CASE, huaweiAccount, caseId, ActivityKind.AGENT_VIEWED),
                    3,
                    TimeUnit.SECONDS);
        }
    }

    private void safePublish(String json) {
        try {
            publish(json);
        } catch (WebhookException e) {
            System.err.println("traffic: " + e.getMessage());
        }
    }

    private void publish(String json) throws WebhookException {
        List<SpecificRecord> records = WebhookMapper.map(json);
        for (SpecificRecord record : records) {
            if (record instanceof EightByEightInbound m) {
                delivered.accept(delivered(m, 1 + random.nextInt(2)));
            } else if (record instanceof WhatsAppCloudInbound m) {
                delivered.accept(delivered(m));
            } else {
                delivered.accept(delivered((NxCloudInbound) record));
            }
            if (ingress == null) {
                producer.send(new ProducerRecord<>(
                        ProviderSpecs.defaultTopic(record), ProviderSpecs.conversationKey(record), record));
            }
            inbound.incrementAndGet();
        }
        if (ingress != null && !records.isEmpty()) {
            ingress.post(records.get(0), json);
        }
    }

    /**
     * @param steps the delivery steps the simulator's message details will show (1: delivered, 2: and read)
     * @return an 8x8 inbound message as a provider simulator should know it delivered
     */
    public static KnownMessages.Message delivered(EightByEightInbound m, int steps) {
        String customer = m.getMsisdn() != null ? m.getMsisdn() : m.getChannelUserId();
        return new KnownMessages.Message(
                "8x8", m.getUmid(), m.getSubAccountId(), customer, m.getChannel(), m.getTimestamp(), steps);
    }

    /** @return an NXCloud inbound message as a provider simulator should know it delivered */
    public static KnownMessages.Message delivered(NxCloudInbound m) {
        return new KnownMessages.Message(
                "nxcloud", m.getMessageId(), m.getBusinessPhone(), m.getWaId(), "whatsapp", m.getTimestamp(), 1);
    }

    /** @return a WhatsApp Cloud API inbound message as a provider simulator should know it delivered */
    public static KnownMessages.Message delivered(WhatsAppCloudInbound m) {
        return new KnownMessages.Message(
                "whatsapp-cloud", m.getMessageId(), m.getPhoneNumberId(), m.getWaId(), "whatsapp", m.getTimestamp(), 1);
    }

    private void activity(Provider provider, String account, String customer, ActivityKind kind) {
        producer.send(new ProducerRecord<>(
                Topics.ACTIVITY,
                Keys.conversation(provider, account, customer),
                ConversationActivity.newBuilder()
                        .setProvider(provider)
                        .setAccount(account)
                        .setCustomer(customer)
                        .setKind(kind)
                        .setOccurredAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                        .setActor("agent-" + (Math.abs(customer.hashCode()) % 7))
                        .build()));
        activities.incrementAndGet();
    }

    private String eightByEightPayload(int account, int customer, String channel, Instant at) {
        ObjectNode root = eightByEightTemplate.deepCopy();
        ObjectNode p = (ObjectNode) root.get("payload");
        p.put("umid", UUID.randomUUID().toString());
        p.put("subAccountId", subAccount(account));
        p.put("timestamp", at.toString());
        ((ObjectNode) p.get("user"))
                .put("msisdn", msisdn(customer))
                .put("channelUserId", msisdn(customer).substring(1));
        ((ObjectNode) p.get("recipient")).put("channel", channel);
        return root.toString();
    }

    private String nxCloudPayload(int account, int customer, Instant at) {
        ObjectNode root = nxCloudTemplate.deepCopy();
        root.put("business_phone", phone(account));
        ((ObjectNode) root.get("contacts").get(0)).put("wa_id", waId(customer));
        ObjectNode m = (ObjectNode) root.get("messages").get(0);
        m.put("from", waId(customer));
        m.put("id", "wamid." + UUID.randomUUID());
        m.put("timestamp", Long.toString(at.getEpochSecond()));
        return root.toString();
    }

    /**
     * A Cloud API webhook of {@code count} messages (1 or 2) of the same second from one customer, in a group when
     * {@code group} is set (its second message then from another member).
     */
    private String cloudPayload(int account, int customer, String group, Instant at, int count) {
        ObjectNode root = cloudTemplate.deepCopy();
        ObjectNode value =
                (ObjectNode) root.get("entry").get(0).get("changes").get(0).get("value");
        ((ObjectNode) value.get("metadata")).put("phone_number_id", phoneNumberId(account));
        ((ObjectNode) value.get("contacts").get(0)).put("wa_id", cloudWaId(customer));
        ArrayNode messages = (ArrayNode) value.get("messages");
        while (messages.size() > count) {
            messages.remove(messages.size() - 1);
        }
        for (int i = 0; i < messages.size(); i++) {
            ObjectNode m = (ObjectNode) messages.get(i);
            m.put("from", cloudWaId(group != null && i == 1 ? customer + 1 : customer));
            m.put("id", "wamid." + UUID.randomUUID());
            m.put("timestamp", Long.toString(at.getEpochSecond()));
            if (group != null) {
                m.put("group_id", group);
            }
        }
        return root.toString();
    }

    /** @return the Cloud API phone number id (digits) of the local run's account {@code i} */
    public static String phoneNumberId(int i) {
        return String.format("1065%011d", i);
    }

    /** @return the Cloud API wa_id of the local run's customer {@code i} */
    public static String cloudWaId(int i) {
        return String.format("1650%08d", i);
    }

    private static String groupId(int account, int customer) {
        return "grp-" + account + "-" + customer;
    }

    /** @return the id of the local run's Huawei case {@code i} */
    public static String caseId(int i) {
        return String.format("CS%08d", i);
    }

    public static String subAccount(int i) {
        return "acme_" + i;
    }

    public static String phone(int i) {
        return String.format("86138%08d", i);
    }

    public static String msisdn(int i) {
        return String.format("+1555%07d", i);
    }

    public static String waId(int i) {
        return String.format("86139%08d", i);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static ObjectNode template(String sample) {
        try {
            return (ObjectNode) JSON.readTree(Samples.read(sample));
        } catch (IOException e) {
            throw new UncheckedIOException("webhook sample " + sample + " is not JSON", e);
        }
    }

    /** Stops publishing (pending redeliveries and activities are dropped) and flushes what was sent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
