package io.chatsignals.devstack.run.check;

import io.chatsignals.devstack.run.Progress;
import io.chatsignals.devstack.run.traffic.ClusterOptions;
import io.chatsignals.devstack.run.traffic.TrafficGenerator;
import io.chatsignals.devstack.run.traffic.TrafficOptions;
import io.chatsignals.ops.Durations;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.CommandAction;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Drives a running deployment (the Compose demo profile, or any cluster whose worker talks to the provider simulator)
 * from outside, as a user's client would: publishes webhook traffic of its own for {@code --duration}, follows the
 * commands and status topics ({@code read_committed}) and passes when
 * <ul>
 *   <li>its own webhooks were decided: commands on messages it published, for every provider it published a message
 *   to that can be read on receipt (a provider without a read call on the message's channel calls only
 *   when an agent types);</li>
 *   <li>every command seen (its own and any other traffic's) got a status within {@code --timeout};</li>
 *   <li>no command got more than one status.</li>
 * </ul>
 * Its own commands are complete once none has appeared for {@code --quiet} (longer than {@code read.delay}).
 * Prints the figures; exit code 0 when it passes, 1 when it does not (the reason on stderr), 2 for bad arguments.
 */
@Command(
        name = "demo-check",
        mixinStandardHelpOptions = true,
        description = "Publish webhook traffic to a running deployment and check that every command gets one status.")
public final class DemoCheck implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    TrafficOptions traffic;

    @Option(names = "--duration", defaultValue = "30s", description = "how long to publish; default ${DEFAULT-VALUE}")
    String duration;

    @Option(
            names = "--quiet",
            defaultValue = "10s",
            description =
                    "no new command on its messages for this long ends the wait for them; default ${DEFAULT-VALUE}")
    String quiet;

    @Option(
            names = "--timeout",
            defaultValue = "180s",
            description = "longest wait for decisions and statuses after publishing; default ${DEFAULT-VALUE}")
    String timeout;

    private final PrintStream out = System.out;

    /** Exit code 0 when the check passes, 1 when it fails, 2 for bad arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCheck()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> providerOfMessage = new ConcurrentHashMap<>();
        Set<String> readOnReceipt = ConcurrentHashMap.newKeySet();
        try (Progress progress = new Progress(cluster.bootstrapServers(), cluster.registryUrl())) {
            progress.start();
            long published;
            try (TrafficGenerator generator = new TrafficGenerator(
                    traffic.generator(System.nanoTime()),
                    cluster.bootstrapServers(),
                    cluster.registryUrl(),
                    m -> {
                        providerOfMessage.put(m.messageId(), m.provider());
                        if (ProviderSpecs.byName(m.provider())
                                .map(s -> s.supports(m.channel(), CommandAction.MARK_READ))
                                .orElse(true)) {
                            readOnReceipt.add(m.provider());
                        }
                    },
                    null)) {
                generator.start();
                Thread.sleep(Durations.parse(duration).toMillis()); // the publishing period itself, not a wait
                published = generator.inbound();
            }
            Verdict verdict = await(progress, providerOfMessage, readOnReceipt);
            report(progress, providerOfMessage, published, verdict);
            if (verdict.failure() != null) {
                System.err.println("demo check failed: " + verdict.failure());
                return 1;
            }
            out.println("demo check: passed");
            return 0;
        }
    }

    /** What the check found when it stopped waiting: the reason it fails, or null when it passes. */
    record Verdict(String failure, Map<String, Long> ownCommandsByProvider) {}

    private Verdict await(Progress progress, Map<String, String> providerOfMessage, Set<String> readOnReceipt)
            throws InterruptedException {
        long deadline = System.nanoTime() + Durations.parse(timeout).toNanos();
        long quietNanos = Durations.parse(quiet).toNanos();
        int ownCommands = -1;
        long ownSince = System.nanoTime();
        // the traffic service goes on: commands keep arriving, so "none without a status" may never hold at one
        // instant; every command seen when its own were complete must get one
        Set<String> pending = null;
        while (true) {
            Map<String, String> own = progress.commandsOn(providerOfMessage.keySet());
            if (own.size() != ownCommands) {
                ownCommands = own.size();
                ownSince = System.nanoTime();
            }
            long withoutStatus = progress.commandsWithoutStatus();
            long repeated = progress.commandsWithSeveralStatuses();
            Map<String, Long> byProvider = new TreeMap<>();
            own.values().forEach(m -> byProvider.merge(providerOfMessage.get(m), 1L, Long::sum));
            Set<String> providers = Set.copyOf(readOnReceipt);
            if (repeated > 0) {
                return new Verdict(repeated + " commands got more than one status", byProvider);
            }
            boolean ownComplete =
                    byProvider.keySet().containsAll(providers) && System.nanoTime() - ownSince >= quietNanos;
            if (ownComplete && pending == null) {
                pending = progress.commandIdsWithoutStatus();
            }
            if (!ownComplete) {
                pending = null;
            }
            if (pending != null && progress.stillWithoutStatus(pending) == 0) {
                return new Verdict(null, byProvider);
            }
            if (System.nanoTime() > deadline) {
                return new Verdict(
                        String.format(
                                "after %s: %d of %d commands without a status (%s of those seen when its own were"
                                        + " complete); commands on its own messages by provider %s of providers %s",
                                timeout,
                                withoutStatus,
                                progress.commands(),
                                pending == null ? "none" : progress.stillWithoutStatus(pending),
                                byProvider,
                                providers),
                        byProvider);
            }
            Thread.sleep(500); // polling the condition above
        }
    }

    private void report(Progress p, Map<String, String> providerOfMessage, long published, Verdict verdict) {
        out.println("| figure | value |");
        out.println("| --- | --- |");
        out.println("| inbound records it published | " + published + " (" + providerOfMessage.size() + " messages) |");
        verdict.ownCommandsByProvider()
                .forEach((provider, n) -> out.println("| commands on its messages, " + provider + " | " + n + " |"));
        out.println("| commands seen (all traffic) | " + p.commands() + " |");
        out.println("| statuses seen | " + p.statuses() + " (" + p.commandsWithStatus() + " commands) |");
        p.succeededByProvider()
                .forEach((provider, n) ->
                        out.println("| succeeded, " + provider.name().toLowerCase() + " | " + n + " |"));
        // what did not succeed, and what the provider answered: the first thing to read when a provider has none
        p.notSucceeded().forEach((answer, n) -> out.println("| not succeeded, " + answer + " | " + n + " |"));
    }
}
