package io.chatsignals.bench;

import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Dispatch efficiency: the simulator allows L mark-read calls/s per account with a realistic latency (log-normal, p50
 * 80 ms, p99 400 ms); commands for A accounts are offered at min(A × L, cap) per second for T seconds, and each
 * implementation (ours, the naive poll loop, Confluent Parallel Consumer) runs them. The load starts once the
 * implementation's consumer group owns every partition; a warm-up (class loading, JIT, first connections, schema
 * look-ups) precedes the measured window. Figures over the window: accepted
 * calls/s and its share of the ceiling A × L (and of what was offered), 429s, queue delay (command produced → call
 * arrives at the provider) p50/p99, heap after the run.
 */
final class WorkerBench {
    /** One row of the table. */
    record Result(
            String implementation,
            int accounts,
            double ceiling,
            double offered,
            double callsPerSecond,
            long rateLimited,
            long queueP50Ms,
            long queueP99Ms,
            long heapMiB) {}

    /** An implementation under test, consuming {@code topic} and calling the simulator. */
    interface Runner extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts an implementation against the given topic and simulator. */
    interface RunnerFactory {
        Runner start(String topic, String group, ProviderSimulator simulator) throws Exception;
    }

    static final String API_KEY = "bench-key";

    private WorkerBench() {}

    static Result run(
            String name,
            RunnerFactory factory,
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            int accounts,
            double perAccount,
            double offeredCap,
            Duration warmup,
            Duration window)
            throws Exception {
        SimulatorConfig config = new SimulatorConfig();
        config.lenient = true;
        config.eightByEight.apiKeys = Map.of(API_KEY, List.of("*"));
        config.eightByEight.readPerSecond = perAccount;
        config.behaviour = Behaviour.none().withLatency(Latency.logNormal(80, 400));
        String run = "wb-" + name + "-" + accounts + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // the status and DLQ topics too, as a deployment does: a topic the worker's producer auto-creates can meet
            // the broker's first-append race (KAFKA-15591: a retried first batch refused as out of order until the
            // delivery timeout), which stalled a whole run's statuses here
            admin.createTopics(List.of(
                            new NewTopic(run, 6, (short) 1),
                            new NewTopic(run + "-status", 6, (short) 1),
                            new NewTopic(run + "-dlq", 6, (short) 1)))
                    .all()
                    .get();
        }
        double ceiling = accounts * perAccount;
        double offered = Math.min(ceiling, offeredCap);
        Map<String, Long> producedAt = new ConcurrentHashMap<>();
        try (ProviderSimulator simulator = ProviderSimulator.start(config);
                Runner runner = factory.start(run, run, simulator)) {
            awaitAssigned(
                    kafka, run, run, 6, Duration.ofSeconds(60)); // the clock starts once the group owns every partition
            long start = System.currentTimeMillis() + warmup.toMillis(); // the measured window follows the warm-up
            produce(kafka, registry, run, accounts, offered, warmup.plus(window), producedAt);
            long end = start + window.toMillis();
            Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
            List<CallLog.Call> calls = simulator.calls().latest(CallLog.RECORD_CAPACITY).stream()
                    .filter(c -> c.endpoint().equals("8x8.read")
                            && c.at().toEpochMilli() >= start
                            && c.at().toEpochMilli() < end)
                    .toList();
            long accepted = calls.stream().filter(CallLog.Call::accepted).count();
            long limited = calls.stream()
                    .filter(c -> c.reason().equals("rate-limited"))
                    .count();
            long[] delays = new long[calls.size()];
            int n = 0;
            for (CallLog.Call c : calls) {
                Long at = producedAt.get(c.messageId());
                if (at != null && c.accepted()) {
                    delays[n++] = c.at().toEpochMilli() - at;
                }
            }
            double seconds = window.toMillis() / 1000.0;
            return new Result(
                    name,
                    accounts,
                    ceiling,
                    offered,
                    accepted / seconds,
                    limited,
                    Percentiles.of(delays, n, 0.5),
                    Percentiles.of(delays, n, 0.99),
                    Percentiles.heapMiB());
        }
    }

    /**
     * Waits until consumer group {@code group} is stable with all {@code partitions} partitions of {@code topic}
     * assigned, polling the group's description every 100 ms.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}
     */
    static void awaitAssigned(EmbeddedKafka kafka, String group, String topic, int partitions, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            while (true) {
                ConsumerGroupDescription d =
                        admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                long assigned = d.members().stream()
                        .flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(topic))
                        .count();
                if (d.groupState() == GroupState.STABLE && assigned == partitions) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("group " + group + " not stable with " + partitions
                            + " partitions after " + timeout + ": " + d.groupState() + ", " + assigned + " assigned");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Offers commands at {@code rate}/s (paced every 10 ms), accounts round-robin, for the window. */
    private static void produce(
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            String topic,
            int accounts,
            double rate,
            Duration window,
            Map<String, Long> producedAt)
            throws InterruptedException {
        KafkaAvroSerializer<ChatCommand> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        try (KafkaProducer<String, ChatCommand> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                serializer)) {
            Pacing.run(rate, window, 10, sent -> {
                String account = "acct_" + (sent % accounts);
                String umid = new UUID(0x755f_0000_0000_4000L, 0x8000_0000_0000_0000L | sent)
                        .toString(); // 8x8 umids are UUIDs
                Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
                ChatCommand c = ChatCommand.newBuilder()
                        .setCommandId(UUID.randomUUID().toString())
                        .setAction(CommandAction.MARK_READ)
                        .setProvider(Provider.EIGHT_BY_EIGHT)
                        .setAccount(account)
                        .setChannel("whatsapp")
                        .setCustomer("+1555" + (sent % 100_000))
                        .setMessageId(umid)
                        .setInboundAt(now)
                        .setDecidedAt(now)
                        .setNotAfter(now.plusSeconds(3600))
                        .setTrigger(Trigger.ON_RECEIPT)
                        .build();
                producedAt.put(umid, now.toEpochMilli());
                producer.send(new ProducerRecord<>(topic, "EIGHT_BY_EIGHT:" + account, c));
            });
        }
    }

    static String row(Result r) {
        return String.format(
                "| %s | %,d | %,.0f | %,.0f | %,.1f | %.0f%% | %.0f%% | %,d | %,d | %,d | %d |",
                r.implementation(),
                r.accounts(),
                r.ceiling(),
                r.offered(),
                r.callsPerSecond(),
                100 * r.callsPerSecond() / r.ceiling(),
                100 * r.callsPerSecond() / r.offered(),
                r.rateLimited(),
                r.queueP50Ms(),
                r.queueP99Ms(),
                r.heapMiB());
    }
}
