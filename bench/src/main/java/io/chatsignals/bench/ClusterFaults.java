package io.chatsignals.bench;

import io.chatsignals.devstack.AppProcess;
import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.cluster.KafkaCluster;
import io.chatsignals.devstack.cluster.TcpProxy;
import io.chatsignals.devstack.connect.ConnectProcess;
import io.chatsignals.devstack.faults.FaultTopics;
import io.chatsignals.devstack.faults.Observed;
import io.chatsignals.devstack.faults.SteadyLoad;
import io.chatsignals.devstack.faults.huawei.CaseLoad;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.run.fixture.HuaweiCaseFixture;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.ops.Durations;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.StreamsApp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cluster fault harness (docs/reliability.md): each row on a fresh three-node cluster ({@link KafkaCluster}, every
 * topic replicated 3 times, {@code min.insync.replicas=2}), two streams-app instances as separate processes
 * ({@code num.standby.replicas=1}, their registry behind a {@link TcpProxy}), one sender-worker and the provider
 * simulator, under steady webhook traffic. Measured from outside: messages without their read, messages decided twice,
 * commands without a status or with several, messages the provider was called for more than once, the longest stall
 * of decisions and of statuses from the fault to the end of the load, records in the DLQs. The Connect rows add the
 * Huawei case source connector on a Connect worker of its own (a separate process, standalone or distributed with
 * exactly-once source support) under Huawei-side traffic, and print, in a second table, the Huawei messages missing
 * at the inbound topic, their repeats there and the cases whose latest message has no read. Prints; asserts nothing
 * (the suite's {@code BrokerKillTest} asserts the promises).
 */
@Command(name = "cluster-faults", mixinStandardHelpOptions = true, description = "Prints the cluster fault table.")
public final class ClusterFaults implements Callable<Integer> {
    @Option(
            names = "--rate",
            defaultValue = "20",
            description = "inbound messages per second; default ${DEFAULT-VALUE}")
    double rate;

    @Option(
            names = "--down",
            defaultValue = "30s",
            description =
                    "how long a broker stays down or cut off, or the registry unreachable; default ${DEFAULT-VALUE}")
    String down;

    @Option(
            names = "--rows",
            defaultValue =
                    "broker-kill,rolling-restart,broker-cut,streams-kill,registry-cut,connect-kill,connect-kill-eos",
            split = ",",
            description = "rows to run, in order; default ${DEFAULT-VALUE}")
    List<String> rows;

    @Option(
            names = "--streams-setting",
            description = "a streams-app setting (docs/configuration.md) for both instances, key=value; repeatable")
    Map<String, String> streamsSettings = new HashMap<>();

    @Option(
            names = "--logs",
            defaultValue = "bench/target/cluster-faults",
            description = "where each row's streams-app and registry logs are kept; default ${DEFAULT-VALUE}")
    Path logs;

    private static final int PARTITIONS = 6;
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration AFTER = Duration.ofSeconds(30);
    /** Huawei cases of the Connect rows; their messages come at a quarter of {@code --rate}, the cases in turn. */
    private static final int CASES = 20;

    /** One fault: what it does to the running system (the load runs throughout). */
    private interface Fault {
        String act(Run run) throws Exception;
    }

    /** A row: its fault, and how the Huawei connector's worker runs (null: no Huawei traffic). */
    private record Row(Fault fault, ConnectProcess.Mode connect) {
        Row(Fault fault) {
            this(fault, null);
        }
    }

    /** The running system of one row ({@code connect} null unless the row polls Huawei cases). */
    private record Run(
            KafkaCluster cluster,
            Stack stack,
            List<AppProcess> streams,
            TcpProxy registry,
            ConnectProcess connect,
            Observed observed) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterFaults()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Duration d = Durations.parse(down);
        Map<String, Row> faults = Map.of(
                "broker-kill",
                        new Row(run -> BrokerFaults.kill(
                                run.cluster(), leaderOfCommandsAndChangelogs(run), "the commands and changelogs", d)),
                "rolling-restart", new Row(run -> BrokerFaults.rollingRestart(run.cluster())),
                "broker-cut",
                        new Row(run -> BrokerFaults.cut(
                                run.cluster(), leaderOfCommandsAndChangelogs(run), "the commands and changelogs", d)),
                "streams-kill",
                        new Row(run -> {
                            run.streams().get(0).kill();
                            run.streams().set(0, startStreams(run.stack(), run.registry(), "streams-a2"));
                            run.streams().get(1).kill();
                            run.streams().set(1, startStreams(run.stack(), run.registry(), "streams-b2"));
                            return "kill -9 of one streams-app instance, restarted; then of the other";
                        }),
                "registry-cut",
                        new Row(run -> {
                            run.registry().cut();
                            FaultRun.pause(d); // the outage lasts this long
                            run.registry().heal();
                            return "registry unreachable for streams-app for " + d.toSeconds() + " s";
                        }),
                "connect-kill", new Row(ClusterFaults::killConnect, ConnectProcess.Mode.STANDALONE),
                "connect-kill-eos", new Row(ClusterFaults::killConnect, ConnectProcess.Mode.DISTRIBUTED_EXACTLY_ONCE));
        List<String> table = new ArrayList<>();
        List<String> connectTable = new ArrayList<>();
        for (String name : rows) {
            Row row = faults.get(name);
            if (row == null) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "unknown row " + name + "; rows: " + faults.keySet());
            }
            table.add(row(name, row, connectTable));
        }
        System.out.println();
        System.out.println("| fault | messages | lost | decided twice | commands without status | several statuses "
                + "| repeated provider calls | decision stall | status stall | DLQ records | fault took |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        table.forEach(System.out::println);
        if (!connectTable.isEmpty()) {
            System.out.println();
            System.out.println("| fault | Huawei messages | missing at the topic | repeats at the topic "
                    + "| cases without the read of their latest | decided twice |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            connectTable.forEach(System.out::println);
        }
        return 0;
    }

    /**
     * Kills the Connect worker just after a poll's records reached the inbound topic (before its offsets can be
     * flushed or committed), and starts it again at once.
     */
    private static String killConnect(Run run) throws Exception {
        long seen = run.observed().countedRecords();
        FaultRun.await(Duration.ofSeconds(30), () -> run.observed().countedRecords() > seen);
        run.connect().kill();
        run.connect().restart();
        run.connect().awaitRunning(HuaweiCaseFixture.CONNECTOR, Duration.ofSeconds(120));
        return "kill -9 of the Connect worker just after a poll's records reached the topic, restarted at once";
    }

    private String row(String rowName, Row row, List<String> connectTable) throws Exception {
        KafkaCluster cluster = KafkaCluster.start(Map.of("num.partitions", Integer.toString(PARTITIONS)));
        try (Stack stack =
                Stack.startWithoutStreamsAndConnect(options(row.connect() == null ? 0 : CASES), cluster, (short) 3)) {
            int registryPort = URI.create(stack.registryUrl()).getPort();
            try (TcpProxy registry = TcpProxy.start("registry", FreePorts.pick(), registryPort);
                    Observed observed = new Observed(stack, List.of(Provider.HUAWEI_CASE))) {
                List<AppProcess> streams = new ArrayList<>();
                ConnectProcess connect = null;
                try {
                    streams.add(startStreams(stack, registry, "streams-a"));
                    streams.add(startStreams(stack, registry, "streams-b"));
                    if (row.connect() != null) {
                        connect = startConnect(stack, row.connect());
                    }
                    return measure(
                            rowName,
                            new Run(cluster, stack, streams, registry, connect, observed),
                            row.fault(),
                            connectTable);
                } finally {
                    streams.forEach(AppProcess::close);
                    if (connect != null) {
                        connect.close();
                    }
                    keepLogs(stack.workDir(), rowName);
                }
            }
        }
    }

    private static ConnectProcess startConnect(Stack stack, ConnectProcess.Mode mode) throws Exception {
        return ConnectProcess.start(
                mode,
                stack.bootstrapServers(),
                stack.connectWorkerSettings(),
                HuaweiCaseFixture.CONNECTOR,
                stack.connectorConfigs().get(HuaweiCaseFixture.CONNECTOR),
                stack.workDir(),
                "connect");
    }

    private String measure(String rowName, Run run, Fault fault, List<String> connectTable) throws Exception {
        Observed observed = run.observed();
        List<String> cases = run.connect() == null ? List.of() : run.stack().polledConversations(Provider.HUAWEI_CASE);
        try (CaseLoad caseLoad =
                cases.isEmpty() ? null : new CaseLoad(run.stack().simulator().huawei(), cases, rate / 4)) {
            SteadyLoad load = new SteadyLoad(
                            run.stack(),
                            rate,
                            (int) (System.nanoTime() % 1_000_000),
                            List.of(Provider.EIGHT_BY_EIGHT, Provider.NXCLOUD))
                    .start();
            if (caseLoad != null) {
                caseLoad.start();
            }
            FaultRun.pause(WARM_UP); // steady state before the fault
            long from = System.nanoTime();
            String what = fault.act(run);
            long took = Duration.ofNanos(System.nanoTime() - from).toMillis();
            FaultRun.pause(AFTER); // load after the recovery
            load.close();
            if (caseLoad != null) {
                caseLoad.close();
            }
            long to = System.nanoTime();
            Set<String> published = load.acknowledged();
            Set<String> latestCaseMessages = caseLoad == null
                    ? Set.of()
                    : Set.copyOf(caseLoad.latestOfCase().values());
            Set<String> mustBeDecided = new HashSet<>(published);
            mustBeDecided.addAll(latestCaseMessages);
            FaultRun.await(Duration.ofSeconds(180), () -> observed.complete(mustBeDecided));
            FaultRun.pause(Duration.ofSeconds(5)); // anything decided or executed twice shows now
            Observed.Figures f = observed.figures(published, from, to);
            String row = String.format(
                    "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d ms | %,d ms | %,d | %,d ms |",
                    what,
                    f.messages(),
                    f.lost(),
                    f.decidedTwice(),
                    f.withoutStatus(),
                    f.severalStatuses(),
                    repeatedCalls(run.stack(), published),
                    f.decisionStallMs(),
                    f.statusStallMs(),
                    FaultTopics.dlqRecords(run.stack().bootstrapServers()),
                    took);
            System.out.println(row + (load.refused() > 0 ? " (" + load.refused() + " sends refused)" : ""));
            if (caseLoad != null) {
                Observed.SourceFigures c = observed.sourceFigures(caseLoad.written(), latestCaseMessages);
                String caseRow = String.format(
                        "| %s, %s | %,d | %,d | %,d | %,d | %,d |",
                        rowName,
                        what,
                        c.messages(),
                        c.missing(),
                        c.extraCopies(),
                        c.latestWithoutRead(),
                        f.decidedTwice());
                System.out.println(caseRow);
                connectTable.add(caseRow);
            }
            return row;
        }
    }

    /** Copies the streams-app logs of a row out of the stack's directory (deleted on close) to {@code --logs}. */
    private void keepLogs(Path workDir, String rowName) throws IOException {
        Path to = Files.createDirectories(logs.resolve(rowName));
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private AppProcess startStreams(Stack stack, TcpProxy registry, String name) throws Exception {
        Path dir = Files.createDirectories(stack.workDir().resolve(name));
        Map<String, String> settings = new HashMap<>(stack.streamsSettings(dir.resolve("state")));
        // the registry's own URL (with its path) through the proxy
        settings.put(
                "schema.registry.url",
                stack.registryUrl().replace(":" + registry.targetPort() + "/", ":" + registry.port() + "/"));
        settings.put("kafka.num.standby.replicas", "1");
        settings.putAll(streamsSettings);
        return AppProcess.start(StreamsApp.class, settings, Map.of(), List.of("-Xmx512m"), dir, name);
    }

    private static Stack.Options options(int huaweiCases) {
        return new Stack.Options(
                PARTITIONS,
                1,
                Map.of("read.delay", "1s", "punctuate.interval", "100ms"),
                Map.of("enrich.max-wait", "2s"),
                Behaviour.none().withLatency(Latency.uniform(5, 40)),
                EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                huaweiCases,
                86_400,
                Map.of());
    }

    /** Messages the provider accepted a read or typing call for more than once. */
    private static long repeatedCalls(Stack stack, Set<String> messages) {
        Map<String, Integer> calls = FaultRun.acceptedCallsPerMessage(stack.simulator());
        return messages.stream().filter(m -> calls.getOrDefault(m, 0) > 1).count();
    }

    /** @return the broker leading most partitions of chat.commands.v1 and the changelogs */
    private static int leaderOfCommandsAndChangelogs(Run run) throws Exception {
        return run.cluster()
                .leaderOfMost(FaultTopics.commandsAndChangelogs(run.stack().bootstrapServers()));
    }
}
