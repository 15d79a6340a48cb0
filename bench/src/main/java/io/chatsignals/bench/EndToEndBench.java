package io.chatsignals.bench;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.cluster.KafkaCluster;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.run.fixture.EightByEightFixture;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.ops.Tracing;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What a customer sees, end to end: producer → streams-app → sender-worker → the call arriving at the provider
 * simulator, on the local stack (embedded broker, registry as a child JVM, one streams-app with 2 stream threads and
 * one worker in this JVM, 6 partitions, enrichment on, the simulator answering with log-normal latency p50 80 ms, p99
 * 400 ms), every setting at its default unless given.
 *
 * <p>Paced traffic of {@code rate} events/s in cycles of five events per conversation: three 8x8 messages 100 ms
 * apart, the agent typing 1 s after the last one, the reply sent 0.5 s later (10,000 conversations over 1,000
 * subaccounts). Over the window after a warm-up: agent typing produced → typing call at the provider, and last message
 * of the burst produced → read call at the provider minus {@code read.delay}, p50/p99 in ms.
 */
final class EndToEndBench {
    /** One row: latencies in ms, calls counted in the window. */
    record Result(
            double rate,
            long typingP50Ms,
            long typingP99Ms,
            long typingCalls,
            long readP50Ms,
            long readP99Ms,
            long readCalls,
            Floor.Result floor,
            Map<String, Double> cpuSeconds) {}

    static final int CONVERSATIONS = 10_000;
    static final int ACCOUNTS = 1_000;
    /** Event offsets within a cycle, ms: three messages, the agent typing, the reply. */
    private static final long[] OFFSETS_MS = {0, 100, 200, 1200, 1700};

    private static final Duration READ_DELAY = Duration.ofSeconds(2);

    private EndToEndBench() {}

    /**
     * @param rate             inbound events/s (messages and agent activity together)
     * @param streamsOverrides streams-app settings beyond the defaults ({@code --topology-setting})
     * @param workerOverrides  sender-worker settings beyond the defaults ({@code --worker-setting})
     * @param cluster          whether the stack runs on a three-node cluster (every topic replicated 3 times,
     *                         {@code min.insync.replicas=2}) instead of one embedded broker
     */
    static Result run(
            boolean cluster,
            double rate,
            Duration warmup,
            Duration window,
            Map<String, String> streamsOverrides,
            Map<String, String> workerOverrides)
            throws Exception {
        Map<String, String> streams =
                new HashMap<>(Map.of("kafka.num.stream.threads", "2", "read.delay", READ_DELAY.toSeconds() + "s"));
        streams.putAll(streamsOverrides);
        Stack.Options options = new Stack.Options(
                6,
                1,
                streams,
                workerOverrides,
                Behaviour.none().withLatency(Latency.logNormal(80, 400)),
                EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                0,
                86_400,
                Map.of());
        double cyclesPerSecond = rate / OFFSETS_MS.length;
        int cycles = (int) Math.ceil(cyclesPerSecond * (warmup.plus(window).toMillis() / 1000.0));
        long[] typedAt = new long[cycles];
        long[] lastMessageAt = new long[cycles];
        KafkaCluster nodes = cluster ? KafkaCluster.startForBenchmarks(Map.of("num.partitions", "6")) : null;
        try (Stack stack = cluster ? Stack.start(options, nodes, (short) 3) : Stack.start(options)) {
            ThreadCpu cpu = new ThreadCpu(nodes);
            long start = System.currentTimeMillis() + 500;
            try (KafkaProducer<String, SpecificRecord> producer = stack.producer()) {
                produce(stack, producer, start, cyclesPerSecond, cycles, typedAt, lastMessageAt);
            }
            long windowStart = start + warmup.toMillis();
            Map<String, Double> cpuSeconds = cpu.since(); // the warm-up and the window, every component
            awaitQuiet(stack);
            Map<String, Integer> cycleOfLastMessage = new HashMap<>();
            for (int k = 0; k < cycles; k++) {
                cycleOfLastMessage.put(umid(k, 2), k);
            }
            long[] typing = new long[cycles];
            long[] read = new long[cycles];
            int nt = 0;
            int nr = 0;
            for (CallLog.Call c : stack.simulator().calls().latest(CallLog.RECORD_CAPACITY)) {
                Integer k = cycleOfLastMessage.get(c.messageId());
                if (k == null || lastMessageAt[k] < windowStart) {
                    continue; // not a burst's last message, or of the warm-up
                }
                long at = c.at().toEpochMilli();
                if (c.endpoint().equals("8x8.typing") && typedAt[k] > 0) {
                    typing[nt++] = at - typedAt[k];
                } else if (c.endpoint().equals("8x8.read")) {
                    read[nr++] = at - lastMessageAt[k] - READ_DELAY.toMillis();
                }
            }
            Floor.Result floor = Floor.run(stack, rate, window);
            return new Result(
                    rate,
                    Percentiles.of(typing, nt, 0.5),
                    Percentiles.of(typing, nt, 0.99),
                    nt,
                    Percentiles.of(read, nr, 0.5),
                    Percentiles.of(read, nr, 0.99),
                    nr,
                    floor,
                    cpuSeconds);
        }
    }

    /**
     * Produces every cycle's events when due (ticks of 5 ms), registering each message with the simulator as
     * delivered, and records when each cycle's agent typing and last message were sent (epoch ms).
     */
    private static void produce(
            Stack stack,
            KafkaProducer<String, SpecificRecord> producer,
            long start,
            double cyclesPerSecond,
            int cycles,
            long[] typedAt,
            long[] lastMessageAt)
            throws InterruptedException {
        Tracing tracing = TracingOn.tracing();
        long done = 0; // events are due up to (and including) this many ms after start
        long end = (long) (cycles / cyclesPerSecond * 1000) + OFFSETS_MS[OFFSETS_MS.length - 1];
        while (done <= end) {
            long now = System.currentTimeMillis() - start;
            for (int o = 0; o < OFFSETS_MS.length; o++) {
                // cycle k starts at k / cyclesPerSecond s; its event o is due at that start + OFFSETS_MS[o]
                int from = (int) Math.max(0, Math.floor((done - OFFSETS_MS[o]) * cyclesPerSecond / 1000) + 1);
                int to = (int) Math.min(cycles - 1, Math.floor((now - OFFSETS_MS[o]) * cyclesPerSecond / 1000));
                for (int k = from; k <= to; k++) {
                    send(stack, producer, tracing, k, o, typedAt, lastMessageAt);
                }
            }
            done = now;
            Thread.sleep(5);
        }
        producer.flush();
    }

    private static void send(
            Stack stack,
            KafkaProducer<String, SpecificRecord> producer,
            Tracing tracing,
            int k,
            int event,
            long[] typedAt,
            long[] lastMessageAt) {
        int conversation = k % CONVERSATIONS;
        String account = EightByEightFixture.subAccount(conversation % ACCOUNTS);
        String customer = EightByEightFixture.msisdn(conversation);
        String key = Keys.conversation(Provider.EIGHT_BY_EIGHT, account, customer);
        long now = System.currentTimeMillis();
        if (event < 3) {
            EightByEightInbound m = EightByEightInbound.newBuilder()
                    .setUmid(umid(k, event))
                    .setSubAccountId(account)
                    .setTimestamp(Instant.ofEpochMilli(now))
                    .setChannel("whatsapp")
                    .setMsisdn(customer)
                    .build();
            stack.simulator().messages().register(EightByEightFixture.delivered(m, 1));
            producer.send(TracingOn.created(tracing, new ProducerRecord<>(Topics.INBOUND_8X8, key, m)));
            if (event == 2) {
                lastMessageAt[k] = now;
            }
            return;
        }
        ActivityKind kind = event == 3 ? ActivityKind.AGENT_TYPING : ActivityKind.REPLY_SENT;
        producer.send(TracingOn.created(
                tracing,
                new ProducerRecord<>(
                        Topics.ACTIVITY,
                        key,
                        ConversationActivity.newBuilder()
                                .setProvider(Provider.EIGHT_BY_EIGHT)
                                .setAccount(account)
                                .setCustomer(customer)
                                .setKind(kind)
                                .setOccurredAt(Instant.ofEpochMilli(now))
                                .setActor("agent-" + conversation % 7)
                                .build())));
        if (event == 3) {
            typedAt[k] = now;
        }
    }

    /** Waits until the simulator has seen no read or typing call for 3 s (the last reads are decided and sent). */
    private static void awaitQuiet(Stack stack) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 3_000_000_000L) {
            long calls = stack.simulator().calls().accepted("8x8.read")
                    + stack.simulator().calls().accepted("8x8.typing");
            if (calls != last) {
                last = calls;
                quietSince = System.nanoTime();
            }
            Thread.sleep(200);
        }
    }

    /** @return the umid of message {@code j} (0–2) of cycle {@code k}: a UUID, as 8x8 issues them */
    private static String umid(long k, int j) {
        return new UUID(0x6535_0000_0000_4000L, 0x8000_0000_0000_0000L | (k * 3 + j)).toString();
    }

    static String row(Result r) {
        return String.format(
                "| %,.0f | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s |",
                r.rate(),
                r.typingP50Ms(),
                r.typingP99Ms(),
                r.typingCalls(),
                r.readP50Ms(),
                r.readP99Ms(),
                r.readCalls(),
                r.floor().p50Ms(),
                r.floor().p99Ms(),
                TopologyBench.top(r.cpuSeconds()));
    }

    static List<String> header() {
        return List.of(
                "| inbound events/s | agent typing → typing call p50 ms | p99 ms | typing calls | last message → read call"
                        + " − read.delay p50 ms | p99 ms | read calls | floor: one exactly-once hop p50 ms | p99 ms"
                        + " | CPU by thread group while producing (top 3) |",
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    }
}
