package io.chatsignals.bench;

import io.chatsignals.devstack.AppProcess;
import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.connect.ConnectProcess;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.Progress;
import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.run.fixture.HuaweiCaseFixture;
import io.chatsignals.devstack.run.traffic.IngressPoster;
import io.chatsignals.devstack.run.traffic.TrafficGenerator;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.ingress.IngressApp;
import io.chatsignals.ops.Durations;
import io.chatsignals.streams.StreamsApp;
import io.chatsignals.worker.WorkerApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An hour of steady load (docs/reliability.md, "Soak"): every provider's webhooks posted to an ingress at a steady
 * rate, agent activity, the Huawei connector polling its cases, streams-app and two workers — each app a separate JVM,
 * measured from outside every {@code --every}: heap after a full GC, RSS, threads and open file descriptors of each
 * process; RocksDB's size on disk and the state stores' estimated entries; the consumer groups' lag; the p99 from a
 * message's time to its provider call's answer. At the end: messages lost, commands without a status or with several,
 * webhooks refused, and per series the slope after the warm-up with its noise ({@link Trend}). Figures are printed,
 * never asserted.
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = "Runs the whole pipeline under steady webhook load and reports its resources over time.")
public final class Soak implements Callable<Integer> {
    @Option(
            names = "--duration",
            defaultValue = "60m",
            description = "how long the load runs; default ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--every", defaultValue = "5m", description = "time between samples; default ${DEFAULT-VALUE}")
    String every;

    @Option(
            names = "--warm-up",
            defaultValue = "10m",
            description = "samples before this are left out of the trends; default ${DEFAULT-VALUE}")
    String warmUp;

    @Option(names = "--rate", defaultValue = "200", description = "webhooks per second; default ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--workers", defaultValue = "2", description = "sender-worker processes; default ${DEFAULT-VALUE}")
    int workers;

    @Option(
            names = "--accounts",
            defaultValue = "20",
            description = "accounts per provider (the worker's default limits are per account: 10/s for 8x8 and"
                    + " NXCloud, so fewer accounts at this rate queue behind their limits); default ${DEFAULT-VALUE}")
    int accounts;

    private static final int PARTITIONS = 6;
    /** Customers per account of the traffic; the Huawei account has one case a customer. */
    private static final int CUSTOMERS = 40;

    private static final double TOLERANCE = 0.05;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    /** One app process and how to reach it. */
    private record App(String name, long pid, AppProcess ops) {}

    @Override
    public Integer call() throws Exception {
        Duration runFor = Durations.parse(duration);
        Duration sampleEvery = Durations.parse(every);
        Duration settle = Durations.parse(warmUp);
        Stack.Options options = new Stack.Options(
                PARTITIONS,
                0,
                Map.of(),
                // a share of the traffic is Huawei cases of one account: its mark-read limit (5/s by default) above
                // that share, so the run is a steady state rather than one account's growing backlog
                Map.of("limits.huawei-case.read-per-second", Double.toString(Math.max(5, rate / 2))),
                Behaviour.none().withLatency(Latency.logNormal(80, 400)),
                EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                CUSTOMERS,
                86_400,
                Map.of());
        EmbeddedKafka kafka = EmbeddedKafka.startTemporary(Map.of("num.partitions", Integer.toString(PARTITIONS)));
        try (Stack stack = Stack.startWithoutStreamsAndConnect(options, kafka, (short) 1)) {
            List<App> apps = new ArrayList<>();
            List<AutoCloseable> processes = new ArrayList<>();
            ConnectProcess connect = null;
            try {
                Path streamsDir = Files.createDirectories(stack.workDir().resolve("streams-app"));
                AppProcess streams = AppProcess.start(
                        StreamsApp.class,
                        stack.streamsSettings(streamsDir.resolve("state")),
                        Map.of(),
                        List.of("-Xmx1g"),
                        streamsDir,
                        "streams-app");
                processes.add(streams);
                apps.add(new App("streams-app", streams.process.pid(), streams));
                for (int i = 1; i <= workers; i++) {
                    Path dir = Files.createDirectories(stack.workDir().resolve("worker-" + i));
                    AppProcess worker = AppProcess.start(
                            WorkerApp.class, stack.workerSettings(), Map.of(), List.of("-Xmx512m"), dir, "worker-" + i);
                    processes.add(worker);
                    apps.add(new App("sender-worker-" + i, worker.process.pid(), worker));
                }
                int ingressPort = FreePorts.pick();
                Path ingressDir = Files.createDirectories(stack.workDir().resolve("ingress"));
                AppProcess ingress = AppProcess.start(
                        IngressApp.class,
                        stack.ingressSettings(ingressPort),
                        Map.of(),
                        List.of("-Xmx512m"),
                        ingressDir,
                        "ingress");
                processes.add(ingress);
                apps.add(new App("ingress", ingress.process.pid(), ingress));
                connect = ConnectProcess.start(
                        ConnectProcess.Mode.STANDALONE,
                        stack.bootstrapServers(),
                        stack.connectWorkerSettings(),
                        HuaweiCaseFixture.CONNECTOR,
                        stack.connectorConfigs().get(HuaweiCaseFixture.CONNECTOR),
                        stack.workDir(),
                        "connect");
                connect.awaitRunning(HuaweiCaseFixture.CONNECTOR, Duration.ofSeconds(120));
                apps.add(new App("connect", connect.pid(), null));
                run(stack, apps, streamsDir.resolve("state"), ingressPort, runFor, sampleEvery, settle);
            } finally {
                for (AutoCloseable p : processes) {
                    p.close();
                }
                if (connect != null) {
                    connect.close();
                }
            }
        }
        return 0;
    }

    private void run(
            Stack stack,
            List<App> apps,
            Path stateDir,
            int ingressPort,
            Duration runFor,
            Duration sampleEvery,
            Duration settle)
            throws Exception {
        IngressPoster poster = Stack.ingressPoster("http://127.0.0.1:" + ingressPort);
        Map<String, List<Trend.Point>> series = new LinkedHashMap<>();
        List<String> processRows = new ArrayList<>();
        List<String> stackRows = new ArrayList<>();
        try (Progress progress = new Progress(stack.bootstrapServers(), stack.registryUrl());
                Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
                TrafficGenerator generator = new TrafficGenerator(
                                new TrafficGenerator.Options(rate, accounts, CUSTOMERS, 0.2, 0.05, 0.03, 0.3, 42),
                                stack.bootstrapServers(),
                                stack.registryUrl(),
                                stack.simulator().messages()::register,
                                stack.simulator())
                        .viaIngress(poster)) {
            progress.start();
            generator.start();
            long started = System.nanoTime();
            System.out.printf("soak: %.0f webhooks/s for %s, a sample every %s%n", rate, duration, every);
            for (long next = sampleEvery.toNanos(); next <= runFor.toNanos(); next += sampleEvery.toNanos()) {
                long wait = started + next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
                double at = (System.nanoTime() - started) / 1e9;
                String minute = String.format("%.1f min", at / 60);
                for (App app : apps) {
                    ProcessResources r = ProcessResources.of(app.pid());
                    processRows.add(String.format(
                            "| %s | %s | %.0f | %.0f | %d | %d |",
                            minute, app.name(), r.heapAfterGcMiB(), r.rssMiB(), r.threads(), r.fds()));
                    point(series, app.name() + " heap after GC, MiB", at, r.heapAfterGcMiB());
                    point(series, app.name() + " RSS, MiB", at, r.rssMiB());
                    point(series, app.name() + " threads", at, r.threads());
                    point(series, app.name() + " open fds", at, r.fds());
                }
                double rocksMiB = sizeOf(stateDir) / 1048576.0;
                double entries = stateEntries(apps.get(0).ops());
                long streamsLag = lag(admin, "chat-signals-decisions");
                long workerLag = lag(admin, "chat-signals-sender");
                long p99 = progress.inboundToStatusPercentileSinceLast(0.99);
                long workerP99 = progress.decisionToStatusPercentileSinceLast(0.99);
                stackRows.add(String.format(
                        "| %s | %.1f | %.0f | %d | %d | %d | %d | %d | %d | %d |",
                        minute,
                        rocksMiB,
                        entries,
                        streamsLag,
                        workerLag,
                        p99,
                        workerP99,
                        generator.inbound(),
                        progress.commands(),
                        poster.refused()));
                point(series, "RocksDB on disk, MiB", at, rocksMiB);
                point(series, "state store entries (estimate)", at, entries);
                point(series, "streams-app lag, records", at, streamsLag);
                point(series, "sender-worker lag, records", at, workerLag);
                point(series, "message → provider call answered, p99 ms", at, p99);
                point(series, "decision → provider call answered, p99 ms", at, workerP99);
                System.out.println(processRows.get(processRows.size() - apps.size()) + " …");
                System.out.println(stackRows.get(stackRows.size() - 1));
            }
            generator.close();
            long drainUntil = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (progress.commandsWithStatus() < progress.commands() && System.nanoTime() < drainUntil) {
                Thread.sleep(500);
            }
            Thread.sleep(5000); // a second status of any command shows now
            report(processRows, stackRows, series, settle.toSeconds(), generator, poster, progress);
        }
    }

    private static void point(Map<String, List<Trend.Point>> series, String name, double at, double value) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(new Trend.Point(at, value));
    }

    private void report(
            List<String> processRows,
            List<String> stackRows,
            Map<String, List<Trend.Point>> series,
            long settleSeconds,
            TrafficGenerator generator,
            IngressPoster poster,
            Progress progress) {
        System.out.println();
        System.out.println("| at | process | heap after GC, MiB | RSS, MiB | threads | open fds |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        processRows.forEach(System.out::println);
        System.out.println();
        System.out.println(
                "| at | RocksDB, MiB | state entries | streams-app lag | worker lag | message → provider"
                        + " answer p99, ms | decision → provider answer p99, ms | inbound records | commands | webhooks refused |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        stackRows.forEach(System.out::println);
        System.out.println();
        System.out.printf(
                "| series (after the first %d min) | mean | slope per hour | noise (sd) | change over the run | flat |%n",
                settleSeconds / 60);
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        series.forEach((name, points) -> {
            List<Trend.Point> settled =
                    points.stream().filter(p -> p.seconds() >= settleSeconds).toList();
            if (settled.size() < 2) {
                System.out.printf("| %s | — | — | — | — | too few samples after the warm-up |%n", name);
                return;
            }
            Trend t = Trend.of(settled, TOLERANCE);
            System.out.printf(
                    "| %s | %.1f | %+.2f | %.2f | %+.2f | %s |%n",
                    name, t.mean(), t.slopePerHour(), t.noise(), t.change(), t.flat() ? "yes" : "NO");
        });
        System.out.println();
        System.out.printf(
                "soak: inbound=%d webhooks-refused=%d commands=%d without-status=%d several-statuses=%d%n",
                generator.inbound(),
                poster.refused(),
                progress.commands(),
                progress.commandsWithoutStatus(),
                progress.commandsWithSeveralStatuses());
    }

    /** @return the bytes of the files under {@code dir} (RocksDB's SST, log and manifest files, the checkpoints) */
    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException gone) {
                            return 0; // compacted away meanwhile
                        }
                    })
                    .sum();
        }
    }

    /** @return the sum of the RocksDB stores' {@code estimate-num-keys} that streams-app's /metrics shows, -1 without */
    private static double stateEntries(AppProcess streams) throws IOException, InterruptedException {
        String metrics = streams.get("/metrics").body();
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("kafka_stream_state_estimate_num_keys")) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                double v = Double.parseDouble(value);
                if (!Double.isNaN(v)) {
                    sum += v;
                    found = true;
                }
            }
        }
        return found ? sum : -1;
    }

    /** @return the consumer group's lag: the end offsets of its partitions less its committed offsets */
    private static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        for (var e : committed.entrySet()) {
            if (e.getValue() != null) {
                lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
            }
        }
        return lag;
    }
}
