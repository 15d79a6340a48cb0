package io.chatsignals.bench;

import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.WorkerApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The worker's fault harness (docs/reliability.md): each scenario of the delivery-guarantees issue on the embedded
 * broker, registry and provider simulator, printing commands, lost, commands with more than one status, provider calls
 * made again, commands that ended FAILED, what was in flight at the fault, and how long the scenario's point took. Prints; asserts nothing (the
 * guarantees are asserted by the worker's integration tests, crash ones with a separate process).
 */
@Command(name = "faults", mixinStandardHelpOptions = true, description = "Prints the sender-worker fault table.")
public final class Faults implements Callable<Integer> {
    @Option(
            names = "--scale",
            defaultValue = "1.0",
            description = "multiplies the number of commands of every scenario")
    double scale;

    private final List<String> rows = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Faults()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary(Map.of("num.partitions", "6"));
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                        EmbeddedSchemaRegistry.Mode.CHILD_PROCESS, Files.createTempDirectory("fault-registry"))) {
            killOneOfThree(kafka, registry);
            hotAccountThenKill(kafka, registry, false);
            hotAccountThenKill(kafka, registry, true);
            churn(kafka, registry);
            hotAccountOverTheBuffer(kafka, registry);
            providerOutage(kafka, registry);
            retryAfterPastNotAfter(kafka, registry);
        }
        System.out.println();
        System.out.println(
                "| fault | commands | lost | duplicate statuses | repeated provider calls | FAILED | in flight at the fault "
                        + "| time | reading |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        return 0;
    }

    private int n(int commands) {
        return Math.max(1, (int) Math.round(commands * scale));
    }

    private void row(String fault, FaultRun.Counts c, String inFlight, String time, String reading) {
        String row = String.format(
                "| %s | %,d | %,d | %,d | %,d | %,d | %s | %s | %s |",
                fault,
                c.commands(),
                c.lost(),
                c.duplicateStatuses(),
                c.repeatedCalls(),
                c.failed(),
                inFlight,
                time,
                reading);
        rows.add(row);
        System.out.println("fault: " + row);
    }

    /** Three replicas, 6 partitions, 300 accounts at 20/s each; one replica crashes a third of the way through. */
    private void killOneOfThree(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) throws Exception {
        try (FaultRun run = new FaultRun(kafka, registry, "kill", 6, c -> {})) {
            SimpleMeterRegistry victim = new SimpleMeterRegistry();
            List<WorkerApp> replicas =
                    List.of(run.worker(Map.of(), victim), run.worker(Map.of()), run.worker(Map.of()));
            for (int i = 0; i < n(6_000); i++) {
                run.read("acct_" + (i % 300), "+1555" + i);
            }
            run.flush();
            FaultRun.await(
                    Duration.ofSeconds(120),
                    () -> run.statuses().size() >= run.sent().size() / 3);
            double inFlight = victim.get("chatsignals.inflight").gauge().value()
                    + victim.get("chatsignals.queue.depth").gauge().value();
            // in flight = calls under way + commands queued in the victim's lanes (its unfinished work in memory)
            long killedAt = System.nanoTime();
            replicas.get(0).kill();
            boolean all = FaultRun.await(
                    Duration.ofSeconds(180),
                    () -> run.done(run.sent()) == run.sent().size());
            row(
                    "kill of 1 of 3 replicas (in-process crash), 300 accounts",
                    run.counts(run.sent()),
                    String.format("%.0f", inFlight),
                    millis(killedAt) + " ms to finish after the kill" + (all ? "" : " (incomplete)"),
                    "repeats ≤ the victim's unfinished work; the stall is the time to detect the dead member (8 s here)");
        }
    }

    /**
     * One account limited to 1/s with work queued first, the other accounts' commands after it on the same partition;
     * the worker is killed (or, with {@code sigterm}, closed after a 2 s grace) once the others are done, and a
     * replacement takes over.
     */
    private void hotAccountThenKill(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, boolean sigterm)
            throws Exception {
        try (FaultRun run = new FaultRun(kafka, registry, sigterm ? "sigterm" : "hotkill", 1, c -> {})) {
            Map<String, String> limits = Map.of("limits.eightbyeight.read-per-second.hot_acct", "1");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            WorkerApp first = run.worker(limits, meters);
            List<ChatCommand> hot = new ArrayList<>();
            List<ChatCommand> others = new ArrayList<>();
            for (int i = 0; i < n(500); i++) {
                hot.add(run.read("hot_acct", "+1556" + i));
            }
            for (int i = 0; i < n(2_000); i++) {
                others.add(run.read("acct_" + (i % 100), "+1557" + i));
            }
            run.flush();
            long start = System.nanoTime();
            FaultRun.await(Duration.ofSeconds(120), () -> run.done(others) == others.size());
            long othersMs = millis(start);
            double inFlight = meters.get("chatsignals.inflight").gauge().value();
            FaultRun.pause(Duration.ofSeconds(2)); // ten commit intervals: the commit catches up
            if (sigterm) {
                first.close();
            } else {
                first.kill();
            }
            run.worker(limits);
            FaultRun.await(Duration.ofSeconds(60), () -> run.statuses().size() >= others.size() + 20);
            String fault = sigterm
                    ? "SIGTERM while a 1/s account still has work after shutdown.grace (2 s)"
                    : "1/s account with work queued first; kill once the others finished";
            row(
                    fault,
                    run.counts(others),
                    String.format("%.0f", inFlight),
                    othersMs + " ms for the other accounts' commands",
                    "finished commands of other accounts are not repeated; the 1/s account's rest continues on the replacement");
        }
    }

    /** Replicas join and leave every 5 s under a steady load. */
    private void churn(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) throws Exception {
        try (FaultRun run = new FaultRun(kafka, registry, "churn", 6, c -> {})) {
            List<WorkerApp> live = new ArrayList<>(List.of(run.worker(Map.of()), run.worker(Map.of())));
            long start = System.nanoTime();
            int perRound = n(1_000);
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < perRound; i++) {
                    run.read("acct_" + (i % 30), "+1558" + round + "-" + i);
                }
                run.flush();
                FaultRun.pause(Duration.ofSeconds(5)); // the load's pace: a round every 5 s
                if (round % 2 == 0) {
                    live.add(run.worker(Map.of()));
                } else {
                    live.remove(0).close();
                }
            }
            boolean all = FaultRun.await(
                    Duration.ofSeconds(120),
                    () -> run.done(run.sent()) == run.sent().size());
            row(
                    "a replica added or stopped every 5 s (cooperative-sticky)",
                    run.counts(run.sent()),
                    "—",
                    millis(start) + " ms in all" + (all ? "" : " (incomplete)"),
                    "a revocation drops queued work at once and waits only for calls in flight");
        }
    }

    /** A hot account with more queued than the whole buffer (defaults), then other accounts' commands. */
    private void hotAccountOverTheBuffer(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) throws Exception {
        try (FaultRun run = new FaultRun(kafka, registry, "hot", 1, c -> {})) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            run.worker(Map.of("limits.eightbyeight.read-per-second.hot_acct", "1"), meters);
            for (int i = 0; i < n(10_500); i++) {
                run.read("hot_acct", "+1559" + i);
            }
            List<ChatCommand> others = new ArrayList<>();
            for (int i = 0; i < n(300); i++) {
                others.add(run.read("acct_" + (i % 100), "+1560" + i));
            }
            run.flush();
            long start = System.nanoTime();
            boolean all = FaultRun.await(Duration.ofSeconds(120), () -> run.done(others) == others.size());
            row(
                    "hot account with 10,500 queued (buffer.max 10,000), then 300 commands of 100 others",
                    run.counts(others),
                    String.format(
                            "%.0f parked",
                            meters.get("chatsignals.buffer.parked").gauge().value()),
                    millis(start) + " ms for the 300" + (all ? "" : " (incomplete)"),
                    "no head-of-line blocking through the buffer");
        }
    }

    /** The provider answers 5xx to every read for 20 s; reads arriving meanwhile. */
    private void providerOutage(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) throws Exception {
        try (FaultRun run = new FaultRun(
                kafka,
                registry,
                "outage",
                6,
                c -> c.behaviour = Behaviour.none().withFaults(1.0, 0, 0).onlyFor("8x8.read"))) {
            run.worker(Map.of());
            long start = System.nanoTime();
            for (int i = 0; i < n(200); i++) {
                run.read("acct_" + (i % 20), "+1561" + i);
            }
            run.flush();
            FaultRun.pause(Duration.ofSeconds(20)); // the outage lasts 20 s
            run.simulator.setBehaviour(Behaviour.none());
            boolean all = FaultRun.await(
                    Duration.ofSeconds(120),
                    () -> run.done(run.sent()) == run.sent().size());
            row(
                    "provider 5xx for 20 s",
                    run.counts(run.sent()),
                    "—",
                    millis(start) + " ms until every read succeeded" + (all ? "" : " (incomplete)"),
                    "retries go on until notAfter or retry.max-duration (15 min): a read outlives the outage");
        }
    }

    /** TYPING with a 10 s TTL answered 429 with a Retry-After of about 30 s. */
    private void retryAfterPastNotAfter(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) throws Exception {
        try (FaultRun run = new FaultRun(kafka, registry, "ttl", 1, c -> c.eightByEight.typingPerSecond = 0.03)) {
            run.worker(Map.of());
            run.send(
                    Provider.EIGHT_BY_EIGHT,
                    CommandAction.TYPING,
                    "acct_ttl",
                    "+15550000001",
                    Instant.now().plusSeconds(10));
            Instant notAfter = Instant.now().plusSeconds(10);
            ChatCommand late =
                    run.send(Provider.EIGHT_BY_EIGHT, CommandAction.TYPING, "acct_ttl", "+15550000002", notAfter);
            run.flush();
            FaultRun.await(Duration.ofSeconds(60), () -> run.statuses().containsKey(late.getCommandId()));
            long afterNotAfter = Duration.between(notAfter, Instant.now()).toMillis();
            row(
                    "TYPING (10 s TTL) answered 429 with Retry-After ~33 s",
                    run.counts(List.of(late)),
                    "—",
                    "status ≤ " + afterNotAfter + " ms after notAfter (as read, ±100 ms polling)",
                    "ends FAILED at its notAfter, no call after it");
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
