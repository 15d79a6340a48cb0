package io.chatsignals.bench;

import io.chatsignals.devstack.cluster.KafkaCluster;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ops.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness (docs/benchmarks.md): streams-app throughput and decision latency at several conversation
 * counts, then the worker against the naive poll loop and Confluent Parallel Consumer at several account counts, and
 * a JFR summary of the worker's hottest path. Prints tables; asserts nothing.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true, description = "Prints chat-signals benchmark tables.")
public final class Benchmarks implements Callable<Integer> {
    @Option(names = "--topology-conversations", split = ",", defaultValue = "1000,10000,100000")
    List<Integer> conversations;

    @Option(
            names = "--topology-events",
            split = ",",
            defaultValue = "200000,400000,1000000",
            description = "events per conversation count")
    List<Long> events;

    @Option(
            names = "--topology-idle",
            split = ",",
            defaultValue = "0",
            description = "per saturated row: conversations put in the state (one message each) before its traffic and"
                    + " idle during it, so that the state grows while the traffic stays the same (0: none)")
    List<Integer> idle;

    @Option(
            names = "--latency-rate",
            defaultValue = "2000",
            description = "events/s of the paced latency run at 10,000 conversations (0: none)")
    double latencyRate;

    @Option(names = "--worker-accounts", split = ",", defaultValue = "10,100,1000,10000")
    List<Integer> accounts;

    @Option(names = "--per-account", defaultValue = "5", description = "provider limit L, calls/s per account")
    double perAccount;

    @Option(names = "--offered-cap", defaultValue = "1500", description = "most commands/s offered to a worker run")
    double offeredCap;

    @Option(names = "--window", defaultValue = "20", description = "seconds measured per worker run")
    int windowSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of load before each worker run's window")
    int warmupSeconds;

    @Option(
            names = "--implementations",
            split = ",",
            defaultValue = "ours,ours-no-enrichment,naive,parallel-consumer",
            description =
                    "worker implementations to run: ours, ours-no-enrichment (enrich.enabled=false, the baselines' work), naive, parallel-consumer")
    List<String> implementations;

    @Option(
            names = "--topology-warmups",
            defaultValue = "2",
            description =
                    "unreported topology runs (10,000 conversations, 400,000 events) before the measured ones: the"
                            + " JIT needs about two before the figures settle")
    int topologyWarmups;

    @Option(
            names = "--topology-setting",
            description = "a streams-app setting for every topology run, key=value (repeatable), e.g."
                    + " kafka.commit.interval.ms=200")
    Map<String, String> topologySettings = new LinkedHashMap<>();

    @Option(
            names = "--purge-after",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "with a duration (e.g. 30s): every window of the measured saturated topology rows set to it,"
                    + " so idle conversations are purged that long after their last event; each row then waits for"
                    + " the purge of all its conversations and reports the state left (0s: no purge measured)")
    Duration purgeAfter;

    @Option(
            names = "--e2e-rates",
            split = ",",
            defaultValue = "500,2000",
            description = "inbound events/s of the end-to-end runs (producer → streams-app → worker → provider), one"
                    + " fresh stack each; 0: none")
    List<Double> e2eRates;

    @Option(names = "--e2e-warmup", defaultValue = "10", description = "seconds of load before each end-to-end window")
    int e2eWarmupSeconds;

    @Option(names = "--e2e-window", defaultValue = "30", description = "seconds measured per end-to-end run")
    int e2eWindowSeconds;

    @Option(
            names = "--worker-setting",
            description = "a sender-worker setting for every run of ours, key=value (repeatable), e.g."
                    + " limits.margin=0.01")
    Map<String, String> workerSettings = new LinkedHashMap<>();

    @Option(
            names = "--anchor",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "beside each saturated topology row, a bare exactly-once pass-through and the stateful anchor"
                    + " (the topology's shape: repartition, dedupe look-up, state get and put) over the same input"
                    + " (--no-anchor: neither)")
    boolean anchor;

    @Option(
            names = "--cluster-conversations",
            split = ",",
            description = "conversation counts of saturated topology rows (with their anchors) run again on a"
                    + " three-node cluster, replication 3 and min.insync.replicas=2 (default: none)")
    List<Integer> clusterConversations = new ArrayList<>();

    @Option(
            names = "--cluster-events",
            split = ",",
            defaultValue = "400000,1000000",
            description = "events per cluster conversation count")
    List<Long> clusterEvents;

    @Option(
            names = "--cluster-e2e-rates",
            split = ",",
            defaultValue = "0",
            description = "inbound events/s of end-to-end runs (with their floor) on a three-node cluster, a fresh"
                    + " cluster and stack each; 0: none")
    List<Double> clusterE2eRates;

    @Option(
            names = "--report",
            defaultValue = "bench/target/benchmark-report.md",
            description = "file the tables are written to as well as the console")
    Path report;

    @Option(names = "--skip-topology")
    boolean skipTopology;

    @Option(names = "--skip-worker")
    boolean skipWorker;

    @Option(
            names = "--profile-accounts",
            defaultValue = "1000",
            description = "accounts of the profiled worker run (0: none)")
    int profileAccounts;

    @Option(
            names = "--profile-topology",
            defaultValue = "0",
            description = "conversations of one more saturated topology row (its events: --topology-events' last) run"
                    + " under a JFR recording, its stream threads' hottest frames printed (0: none)")
    int profileTopology;

    @Option(
            names = "--topology-policies",
            defaultValue = "0",
            description = "business policies loaded before each topology row (docs/policies.md): one per account of"
                    + " the traffic, the same as the global settings, the rest for accounts that send nothing; 0: none")
    int policies;

    @Option(
            names = "--tracing",
            defaultValue = "-1",
            description =
                    "with a ratio (e.g. 0.1): every run with tracing on, that share of traces sampled and exported"
                            + " by OTLP to a collector on the loopback that drops them (default: off, as the apps ship)")
    double tracing;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmarks()).execute(args));
    }

    private final List<String> lines = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        print(String.format(
                "%s — machine: %d cores, max heap %d MiB, %s %s; topology settings %s; worker settings %s",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                topologySettings,
                workerSettings));
        if (policies > 0) {
            print(String.format("%,d business policies loaded before each topology row", policies));
        }
        if (tracing >= 0) {
            print(String.format("tracing on: %.0f %% of traces sampled, exported by OTLP/HTTP", tracing * 100));
        }
        try (TracingOn traced = TracingOn.at(tracing);
                EmbeddedKafka kafka = EmbeddedKafka.startTemporary(Map.of("num.partitions", "6"));
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                        EmbeddedSchemaRegistry.Mode.CHILD_PROCESS, Files.createTempDirectory("bench-registry"))) {
            if (!skipTopology) {
                warmUp(kafka, registry);
                List<String> rows = saturatedRows(kafka, registry, conversations, events, idle);
                if (latencyRate > 0) {
                    TopologyBench.Result r = TopologyBench.run(
                            kafka,
                            registry,
                            10_000,
                            0,
                            (long) (latencyRate * 30),
                            latencyRate,
                            topologySettings,
                            Duration.ZERO,
                            policies);
                    rows.add(TopologyBench.row().apply(r)
                            + String.format(" — | — | — | — | paced at %,.0f/s |", latencyRate));
                    System.out.println("topology: " + rows.get(rows.size() - 1));
                }
                printTopology(rows);
            }
            if (profileTopology > 0) {
                long e = events.get(events.size() - 1);
                print(String.format(
                        "Profile of the stream threads, %,d conversations, %,d events:", profileTopology, e));
                HotPathProfile.of(
                                () -> TopologyBench.run(
                                        kafka,
                                        registry,
                                        profileTopology,
                                        0,
                                        e,
                                        0,
                                        topologySettings,
                                        Duration.ZERO,
                                        policies),
                                "StreamThread")
                        .forEach(this::print);
                print();
            }
            if (!skipWorker) {
                List<String> rows = new ArrayList<>();
                List<String> ratios = new ArrayList<>();
                Duration window = Duration.ofSeconds(windowSeconds);
                for (int a : accounts) {
                    Map<String, Double> achieved = new LinkedHashMap<>();
                    for (String impl : implementations) {
                        WorkerBench.RunnerFactory factory =
                                switch (impl) {
                                    case "ours" -> Implementations.ours(
                                            kafka, registry, perAccount, true, workerSettings);
                                    case "ours-no-enrichment" -> Implementations.ours(
                                            kafka, registry, perAccount, false, workerSettings);
                                    case "naive" -> Implementations.naive(kafka, registry);
                                    case "parallel-consumer" -> Implementations.parallelConsumer(kafka, registry);
                                    default -> throw new IllegalArgumentException("unknown implementation " + impl);
                                };
                        WorkerBench.Result r = WorkerBench.run(
                                impl,
                                factory,
                                kafka,
                                registry,
                                a,
                                perAccount,
                                offeredCap,
                                Duration.ofSeconds(warmupSeconds),
                                window);
                        rows.add(WorkerBench.row(r));
                        achieved.put(impl, r.callsPerSecond());
                        System.out.println("worker: " + rows.get(rows.size() - 1));
                    }
                    Double ours = achieved.get("ours");
                    achieved.forEach((impl, v) -> {
                        if (ours != null && !impl.equals("ours")) {
                            ratios.add(String.format("| %,d | %s | %.2f |", a, impl, ours == 0 ? 0 : v / ours));
                        }
                    });
                }
                print();
                print("| implementation | accounts | ceiling calls/s | offered/s | achieved calls/s | of ceiling"
                        + " | of offered | 429s | queue delay p50 ms | p99 ms | heap MiB |");
                print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
                rows.forEach(this::print);
                print();
                print("| accounts | baseline | achieved calls/s as a ratio to ours |");
                print("| --- | --- | --- |");
                ratios.forEach(this::print);
                print();
            }
            printEndToEnd(false, e2eRates);
            if (profileAccounts > 0) {
                Duration window = Duration.ofSeconds(windowSeconds);
                HotPathProfile.of(() -> WorkerBench.run(
                                "ours",
                                Implementations.ours(kafka, registry, perAccount, true, workerSettings),
                                kafka,
                                registry,
                                profileAccounts,
                                perAccount,
                                offeredCap,
                                Duration.ofSeconds(warmupSeconds),
                                window))
                        .forEach(this::print);
            }
        }
        if (!clusterConversations.isEmpty() || clusterE2eRates.stream().anyMatch(r -> r > 0)) {
            onCluster();
        }
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.write(report, lines);
        System.out.println("tables written to " + report);
        return 0;
    }

    /** The JIT needs about two topology runs before the figures settle: these are not reported. */
    private void warmUp(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        for (int w = 0; w < topologyWarmups; w++) {
            TopologyBench.Result r = TopologyBench.run(
                    kafka, registry, 10_000, 0, 400_000, 0, topologySettings, Duration.ZERO, policies);
            System.out.println(
                    "topology warm-up (not reported): " + TopologyBench.row().apply(r));
        }
    }

    /**
     * One saturated topology row per conversation count (events and idle conversations by the same index, the last
     * repeated), each with its bare and stateful anchors on the same broker unless {@code --no-anchor}.
     */
    private List<String> saturatedRows(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            List<Integer> counts,
            List<Long> eventCounts,
            List<Integer> idleCounts)
            throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            int c = counts.get(i);
            long e = eventCounts.get(Math.min(i, eventCounts.size() - 1));
            int idleConversations = idleCounts.get(Math.min(i, idleCounts.size() - 1));
            TopologyBench.Result r = TopologyBench.run(
                    kafka, registry, c, idleConversations, e, 0, topologySettings, purgeAfter, policies);
            String vsAnchors = " — | — | — | — |";
            if (anchor) {
                double bare = TopologyBench.bare(kafka, registry, c, e, topologySettings);
                double stateful =
                        StatefulAnchor.run(kafka, registry, c, e, topologySettings, (double) r.commands() / e);
                vsAnchors = String.format(
                        " %,.0f | %.2f | %,.0f | %.2f |",
                        bare, r.eventsPerSecond() / bare, stateful, r.eventsPerSecond() / stateful);
            }
            rows.add(TopologyBench.row().apply(r) + vsAnchors + " saturated |");
            System.out.println("topology: " + rows.get(rows.size() - 1));
        }
        return rows;
    }

    private void printTopology(List<String> rows) {
        print();
        print("| conversations | idle conversations in state | events | events/s (EOS) | commands | decision latency"
                + " beyond read.delay p50 ms | p99 ms | heap MiB | RSS MiB | state on disk MiB | idle purge"
                + " | CPU by thread group (top 3) | bare pass-through events/s | ours ÷ bare | stateful anchor events/s"
                + " | ours ÷ stateful | load |");
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
                + " --- |");
        rows.forEach(this::print);
        print();
    }

    /** One end-to-end row (with its floor) per rate above 0, each on a fresh stack; nothing when there is none. */
    private void printEndToEnd(boolean cluster, List<Double> rates) throws Exception {
        List<String> rows = new ArrayList<>();
        for (double rate : rates) {
            if (rate > 0) {
                rows.add(EndToEndBench.row(EndToEndBench.run(
                        cluster,
                        rate,
                        Duration.ofSeconds(e2eWarmupSeconds),
                        Duration.ofSeconds(e2eWindowSeconds),
                        topologySettings,
                        workerSettings)));
                System.out.println("end to end" + (cluster ? " (cluster)" : "") + ": " + rows.get(rows.size() - 1));
            }
        }
        if (!rows.isEmpty()) {
            print();
            EndToEndBench.header().forEach(this::print);
            rows.forEach(this::print);
            print();
        }
    }

    /**
     * The topology rows and the end-to-end rows again on the three-node loopback cluster (replication 3,
     * {@code min.insync.replicas=2}, each node its own JVM on the same two cores): what a replicated deployment's
     * produce and transaction commits cost.
     */
    private void onCluster() throws Exception {
        print();
        print("On the three-node cluster (replication 3, min.insync.replicas=2; the nodes' RSS is not in the rows):");
        if (!clusterConversations.isEmpty()) {
            try (KafkaCluster cluster = KafkaCluster.startForBenchmarks(Map.of("num.partitions", "6"));
                    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                            EmbeddedSchemaRegistry.Mode.CHILD_PROCESS, Files.createTempDirectory("bench-registry"))) {
                if (skipTopology) {
                    warmUp(cluster, registry);
                }
                printTopology(saturatedRows(cluster, registry, clusterConversations, clusterEvents, List.of(0)));
            }
        }
        printEndToEnd(true, clusterE2eRates);
    }

    /** Prints one line of the tables and keeps it for {@link #report}. */
    private void print(String line) {
        System.out.println(line);
        lines.add(line);
    }

    private void print() {
        print("");
    }

    /** Parses {@code 30s}, {@code 500ms}, {@code 2m} like the apps' settings. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
