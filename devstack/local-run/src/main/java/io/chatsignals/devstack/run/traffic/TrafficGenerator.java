package io.chatsignals.devstack.run.traffic;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture;
import io.chatsignals.devstack.simulator.KnownMessages;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.webhooks.WebhookException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Publishes inbound traffic made from the real-format webhook samples, varied per account and customer by each webhook
 * provider's fixture ({@link Fixtures}: its weight among the conversations, its channels, groups and multi-message
 * webhooks) and mapped with {@link Webhooks} (as the publish CLI does), plus agent activity: bursts, redelivered
 * webhooks (same message again after 1 s, as providers retry), late messages (received 30 s earlier than they arrive),
 * agent typing/viewing/replying. Every message is told to {@code delivered} (a simulator registers it as delivered).
 * With a simulator to write into, a share of the conversations are of the providers whose messages a source connector
 * polls ({@code ProviderFixture.PolledSource}): bursts of messages by the business's side (now and then after one of
 * the customer's own) written where the connector polls, and agents viewing the conversation afterwards.
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

    /** Share of conversations that are polled providers' ones, when a simulator to write them into is given. */
    private static final double POLLED_SHARE = 0.15;

    private final Options options;
    private final Consumer<KnownMessages.Message> delivered;
    /** Where polled providers' messages are written; null for no such traffic. */
    private final ProviderSimulator polledAt;

    private final KafkaProducer<String, SpecificRecord> producer;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "traffic"));
    private final SplittableRandom random;
    /** The webhook providers' traffic and their weights' running sums, in registry order. */
    private volatile List<ProviderFixture> webhooks = Fixtures.withWebhook();

    private volatile double[] cumulativeWeights = cumulativeWeights(webhooks);
    /** The providers whose messages are polled, when {@code polledAt} is given. */
    private volatile List<ProviderFixture> polled;

    private final AtomicLong inbound = new AtomicLong();
    private final AtomicLong activities = new AtomicLong();
    private final AtomicLong polledMessages = new AtomicLong();
    private volatile WebhookPoster ingress;

    /**
     * @param delivered told of every message published, so a provider simulator can answer for it as delivered (the
     *                  local run registers them; a lenient simulator needs nothing)
     * @param polledAt  the simulator whose conversations the polled providers' connectors poll (each fixture's
     *                  conversation 0 … customers-1, opened by {@code Stack}); null for no such traffic
     */
    public TrafficGenerator(
            Options options,
            String bootstrapServers,
            String registryUrl,
            Consumer<KnownMessages.Message> delivered,
            ProviderSimulator polledAt) {
        this.options = options;
        this.delivered = delivered;
        this.polledAt = polledAt;
        this.polled = polledAt == null ? List.of() : Fixtures.polled();
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

    /**
     * Makes traffic for these providers only; call before {@link #start()}.
     *
     * @return this generator
     * @throws IllegalArgumentException when none of them has a webhook and no case threads are written either
     */
    public TrafficGenerator only(Set<Provider> providers) {
        List<ProviderFixture> chosen = Fixtures.withWebhook().stream()
                .filter(f -> providers.contains(f.provider()))
                .toList();
        List<ProviderFixture> chosenPolled =
                polled.stream().filter(f -> providers.contains(f.provider())).toList();
        if (chosen.isEmpty() && chosenPolled.isEmpty()) {
            throw new IllegalArgumentException(
                    "no traffic: none of " + providers + " has a webhook or, with a simulator given, a polled source");
        }
        this.webhooks = chosen;
        this.polled = chosenPolled;
        this.cumulativeWeights = cumulativeWeights(chosen);
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

    /** @return inbound records published so far (redeliveries included), and polled providers' messages written */
    public long inbound() {
        return inbound.get() + polledMessages.get();
    }

    /**
     * @return messages by the business's side written where a connector polls so far (the connector turns each into
     *         one inbound record)
     */
    public long polledMessages() {
        return polledMessages.get();
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
        List<ProviderFixture> polledNow = polled;
        if (!polledNow.isEmpty() && (webhooks.isEmpty() || random.nextDouble() < POLLED_SHARE)) {
            polledTick(polledNow.get(random.nextInt(polledNow.size())));
            return;
        }
        ProviderFixture fixture = pick();
        Provider provider = fixture.provider();
        ProviderFixture.WebhookTraffic traffic = fixture.webhook().orElseThrow();
        ProviderFixture.Conversation conversation =
                traffic.conversation(random.nextInt(options.accounts()), random.nextInt(options.customers()), random);
        int messages = 1 + (random.nextDouble() < options.burstShare() ? 1 + random.nextInt(3) : 0);
        for (int i = 0; i < messages; i++) {
            boolean late = random.nextDouble() < options.lateShare();
            Instant at = Instant.now().minusSeconds(late ? 30 : 0);
            String json = traffic.payload(conversation, at, random);
            publish(json);
            if (random.nextDouble() < options.redeliveryShare()) {
                scheduler.schedule(() -> safePublish(json), 1, TimeUnit.SECONDS);
            }
        }
        if (random.nextDouble() < options.agentShare()) {
            String acct = traffic.accountId(conversation);
            String cust = traffic.customerId(conversation);
            scheduler.schedule(
                    () -> activity(provider, acct, cust, ActivityKind.AGENT_VIEWED), 800, TimeUnit.MILLISECONDS);
            scheduler.schedule(() -> activity(provider, acct, cust, ActivityKind.AGENT_TYPING), 1, TimeUnit.SECONDS);
            scheduler.schedule(() -> activity(provider, acct, cust, ActivityKind.REPLY_SENT), 4, TimeUnit.SECONDS);
        }
    }

    /** @return a webhook provider, drawn by the fixtures' weights */
    private ProviderFixture pick() {
        double draw = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (draw < cumulativeWeights[i]) {
                return webhooks.get(i);
            }
        }
        return webhooks.get(webhooks.size() - 1);
    }

    private static double[] cumulativeWeights(List<ProviderFixture> fixtures) {
        double[] out = new double[fixtures.size()];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += fixtures.get(i).webhook().orElseThrow().weight();
            out[i] = sum;
        }
        return out;
    }

    /**
     * A burst of 1–4 messages by the business's side in one conversation, a fifth of them after a customer message; an
     * agent views it 3 s later.
     */
    private void polledTick(ProviderFixture fixture) {
        ProviderFixture.PolledSource source = fixture.polled().orElseThrow();
        String conversation = source.conversation(random.nextInt(options.customers()));
        if (random.nextDouble() < 0.2) { // the customer's own: never marked
            source.write(polledAt, conversation, true, "customer", "any news on " + conversation + "?");
        }
        int messages = 1 + (random.nextDouble() < options.burstShare() ? 1 + random.nextInt(3) : 0);
        String engineer = "eng-" + (1 + Math.abs(conversation.hashCode()) % 5);
        for (int i = 0; i < messages; i++) {
            source.write(
                    polledAt, conversation, false, engineer, "update " + UUID.randomUUID() + " on " + conversation);
            polledMessages.incrementAndGet();
        }
        if (random.nextDouble() < options.agentShare()) {
            // after the connector's next poll: a view of a conversation whose messages are not in yet finds nothing
            scheduler.schedule(
                    () -> activity(fixture.provider(), source.account(), conversation, ActivityKind.AGENT_VIEWED),
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
        List<SpecificRecord> records = Webhooks.map(json);
        for (SpecificRecord record : records) {
            ProviderFixture fixture =
                    Fixtures.of(ProviderSpecs.ofInbound(record).orElseThrow().provider());
            delivered.accept(fixture.webhook().orElseThrow().delivered(record, 1 + random.nextInt(2)));
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
