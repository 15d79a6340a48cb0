package io.chatsignals.devstack.run;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture;
import io.chatsignals.devstack.run.traffic.IngressPoster;
import io.chatsignals.devstack.run.traffic.TrafficGenerator;
import io.chatsignals.devstack.run.traffic.TrafficOptions;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.ops.Durations;
import io.chatsignals.ops.LogFormat;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job on one machine: broker, registry, provider simulator, topics, streams-app and N sender-workers, then
 * webhook traffic; a progress line every 2 s, a summary at the end. Stops cleanly on Ctrl-C or when --duration ends.
 */
@Command(
        name = "local-run",
        mixinStandardHelpOptions = true,
        description = "Runs chat-signals end to end on this machine.")
public final class LocalRun implements Callable<Integer> {
    @Option(
            names = "--duration",
            defaultValue = "60s",
            description = "how long traffic runs (e.g. 30s, 5m); default ${DEFAULT-VALUE}")
    String duration;

    @Mixin
    TrafficOptions traffic;

    @Option(names = "--workers", defaultValue = "2", description = "sender-worker replicas; default ${DEFAULT-VALUE}")
    int workers;

    @Option(
            names = "--partitions",
            defaultValue = "6",
            description = "partitions of every topic; default ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--read-policy", defaultValue = "on-receipt", description = "on-receipt, on-agent-view, off")
    String readPolicy;

    @Option(
            names = "--typing-policy",
            defaultValue = "on-agent-typing",
            description = "on-agent-typing, on-receipt, off")
    String typingPolicy;

    @Option(
            names = "--latency-p50",
            defaultValue = "80",
            description = "simulator latency median, ms; default ${DEFAULT-VALUE}")
    double latencyP50;

    @Option(
            names = "--latency-p99",
            defaultValue = "400",
            description = "simulator latency p99, ms; default ${DEFAULT-VALUE}")
    double latencyP99;

    @Option(
            names = "--error-rate",
            defaultValue = "0.01",
            description = "share of provider calls answered 5xx; default ${DEFAULT-VALUE}")
    double errorRate;

    @Option(names = "--timeout-rate", defaultValue = "0", description = "share of provider calls never answered")
    double timeoutRate;

    @Option(names = "--drop-rate", defaultValue = "0", description = "share of provider calls whose connection drops")
    double dropRate;

    @Option(
            names = "--no-traffic",
            description = "start the stack and its ingress, print how to feed it (a curl per provider), and wait")
    boolean noTraffic;

    @Option(names = "--registry-mode", defaultValue = "child-process", description = "child-process or in-process")
    String registryMode;

    @Option(
            names = "--providers",
            split = ",",
            paramLabel = "<key>",
            description = "only these providers (their keys: docs/providers.md) get traffic and sample webhooks;"
                    + " a provider whose messages are polled brings its connector; default: all")
    List<String> providers;

    @Option(
            names = "--provider-url",
            paramLabel = "<key>=<url>",
            description = "send a provider's calls to this base URL instead of the simulator's (your provider sandbox"
                    + " or your own mock); repeatable; give its credentials with --worker-config")
    Map<String, String> providerUrls;

    @Option(
            names = "--worker-config",
            paramLabel = "<file>",
            description = "a properties file of sender-worker settings laid over the local run's (e.g. your sandbox's"
                    + " credentials: docs/providers/<key>.md)")
    Path workerConfig;

    @Option(
            names = "--no-build",
            description = "run-local.sh: skip the Maven build (the last build must be of this tree)")
    boolean noBuild;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The console: plain ASCII only, so it reads the same in any locale (a non-UTF-8 one printed '?' for arrows). */
    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Duration runFor = Durations.parse(duration);
        Set<Provider> chosen;
        Map<Provider, String> urls;
        Map<String, String> workerOverrides = new HashMap<>(Map.of("http.request-timeout", "2s"));
        try {
            chosen = LocalRunOptions.providers(providers);
            urls = LocalRunOptions.providerUrls(providerUrls);
            workerOverrides.putAll(LocalRunOptions.properties(workerConfig));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<ProviderFixture> polled = Fixtures.polled().stream()
                .filter(f -> chosen.contains(f.provider()))
                .toList();
        int polledConversations = polled.isEmpty() ? 0 : traffic.customers();
        Behaviour behaviour = new Behaviour(
                Latency.logNormal(latencyP50, Math.max(latencyP50, latencyP99)),
                errorRate,
                timeoutRate,
                dropRate,
                3_000);
        StopSignal stop = StopSignal.install("local-run-shutdown", Duration.ofSeconds(60));
        Path log = Files.createTempFile("chat-signals-local-run-", ".log");
        LogFormat.redirectToFile(
                log); // Kafka's start-up warnings (CONCURRENT_TRANSACTIONS retries, …) stay off the console
        out.println("log: " + log);
        out.println("starting broker, registry, simulator, streams-app and " + workers + " worker(s)...");
        try (Stack stack = Stack.start(new Stack.Options(
                partitions,
                workers,
                Map.of("read.policy", readPolicy, "typing.policy", typingPolicy),
                workerOverrides,
                behaviour,
                EmbeddedSchemaRegistry.Mode.parse(registryMode),
                polledConversations,
                0, // the providers' documented token lifetimes
                urls))) {
            out.println("bootstrap.servers=" + stack.bootstrapServers());
            out.println("schema.registry.url=" + stack.registryUrl());
            out.println("simulator.url=" + stack.simulator().url() + " (stats: "
                    + stack.simulator().url() + "/admin/stats)");
            out.println("topics: " + String.join(", ", Topics.ALL) + " (" + partitions + " partitions each)");
            if (stack.connectUrl() != null) { // nothing polled, no connector
                for (ProviderFixture f : polled) {
                    ProviderFixture.PolledSource source = f.polled().orElseThrow();
                    out.println("kafka connect (standalone): " + stack.connectUrl() + "connectors/"
                            + source.connectorName() + "/status (" + f.key() + " source connector, account "
                            + source.account() + ")");
                }
            }
            List<String> ops = stack.opsUrls();
            for (int i = 0; i < ops.size(); i++) {
                String app = i == 0 ? "streams-app" : "sender-worker-" + i;
                out.println(app + ": " + ops.get(i) + "/metrics " + ops.get(i) + "/health/ready " + ops.get(i)
                        + "/health/live");
            }
            urls.forEach((provider, url) ->
                    out.println(ProviderSpecs.of(provider).key() + " calls go to " + url + " (not the simulator)"));
            String ingressUrl = stack.startIngress();
            Sandbox.lines(
                            ingressUrl,
                            stack.ingressSettings(0),
                            stack.bootstrapServers(),
                            stack.registryUrl(),
                            chosen,
                            stack.simulator().messages()::register)
                    .forEach(out::println);
            if (noTraffic) {
                out.println("no traffic: post your own webhooks or publish your own records; Ctrl-C stops the stack");
                stop.await();
                return 0;
            }
            LocalPolicies.publish(stack.bootstrapServers(), stack.registryUrl(), chosen, this.traffic.accounts())
                    .forEach(policy -> out.println("policy " + policy + " (other accounts: the global settings)"));
            IngressPoster poster = Stack.ingressPoster(ingressUrl);
            try (Progress progress = new Progress(stack.bootstrapServers(), stack.registryUrl());
                    TrafficGenerator generator = new TrafficGenerator(
                                    this.traffic.generator(42),
                                    stack.bootstrapServers(),
                                    stack.registryUrl(),
                                    stack.simulator().messages()::register,
                                    polled.isEmpty() ? null : stack.simulator())
                            .viaIngress(poster)
                            .only(chosen)) {
                progress.start();
                generator.start();
                long started = System.nanoTime();
                while (!stop.await(Duration.ofSeconds(2)) && System.nanoTime() - started < runFor.toNanos()) {
                    out.println(line(generator, progress, stack.simulator(), System.nanoTime() - started));
                }
                generator.close();
                out.println("traffic stopped; waiting for the last decisions and statuses...");
                long drainUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!stop.asked()
                        && System.nanoTime() < drainUntil
                        && (progress.commandsWithStatus() < progress.commands()
                                || System.nanoTime() - started < runFor.toNanos() + 4_000_000_000L)) {
                    Thread.sleep(500);
                }
                summary(generator, poster, progress, stack.simulator(), stack.unsupportedDecisions());
            }
        } finally {
            stop.done();
        }
        return 0;
    }

    private static String line(TrafficGenerator t, Progress p, ProviderSimulator sim, long elapsedNanos) {
        double seconds = Math.max(1, elapsedNanos / 1e9);
        return String.format(
                "[%4.0fs] inbound=%d commands=%d statuses=%d succeeded=%d failed=%d expired=%d unsupported=%d "
                        + "rate=%.1f/s decision->status p50=%dms p99=%dms 429s=%d",
                seconds,
                t.inbound(),
                p.commands(),
                p.statuses(),
                p.outcome(Outcome.SUCCEEDED),
                p.outcome(Outcome.FAILED),
                p.outcome(Outcome.EXPIRED),
                p.outcome(Outcome.UNSUPPORTED),
                p.statuses() / seconds,
                p.decisionToStatusPercentile(0.5),
                p.decisionToStatusPercentile(0.99),
                rateLimited(sim));
    }

    private void summary(
            TrafficGenerator t,
            IngressPoster ingress,
            Progress p,
            ProviderSimulator sim,
            Map<String, Long> unsupportedDecisions) {
        out.println();
        out.println("| figure | value |");
        out.println("| --- | --- |");
        out.println("| inbound records published | " + t.inbound() + " |");
        out.println("| webhooks the ingress did not answer 200 | " + ingress.refused() + " |");
        out.println("| of which messages written where a source connector polls | " + t.polledMessages() + " |");
        out.println("| agent activity records | " + t.activities() + " |");
        out.println("| commands decided | " + p.commands() + " |");
        out.println("| statuses published | " + p.statuses() + " (" + p.commandsWithStatus() + " commands) |");
        for (Outcome o : Outcome.values()) {
            out.println("| " + o.name().toLowerCase() + " | " + p.outcome(o) + " |");
        }
        p.succeededByProvider()
                .forEach((provider, n) ->
                        out.println("| succeeded, " + provider.name().toLowerCase() + " | " + n + " |"));
        unsupportedDecisions.forEach(
                (provider, n) -> out.println("| decided unsupported (no call; the provider has none " + "for it), "
                        + provider.toLowerCase() + " | " + n + " |"));
        p.enrichments().forEach((e, n) -> out.println("| enrichment " + e.toLowerCase() + " | " + n + " |"));
        p.decidedBy().forEach((policy, n) -> out.println("| decided under " + policy + " | " + n + " |"));
        p.notSucceeded().forEach((answer, n) -> out.println("| not succeeded, " + answer + " | " + n + " |"));
        out.println("| decision->status latency p50 / p99 (rate limits, provider latency, retries, enrichment) | "
                + p.decisionToStatusPercentile(0.5) + " ms / " + p.decisionToStatusPercentile(0.99) + " ms |");
        out.println(
                "| inbound->status latency p50 / p99 (from the message's timestamp: read quiet period, late arrivals) | "
                        + p.inboundToStatusPercentile(0.5) + " ms / " + p.inboundToStatusPercentile(0.99) + " ms |");
        out.println("| provider 429s | " + rateLimited(sim) + " |");
        out.println("| simulator calls accepted / rejected | "
                + sim.calls().counts().stream()
                        .filter(c -> c.accepted())
                        .mapToLong(c -> c.count())
                        .sum() + " / "
                + sim.calls().counts().stream()
                        .filter(c -> !c.accepted())
                        .mapToLong(c -> c.count())
                        .sum() + " |");
        out.println();
        out.println("summary: inbound=" + t.inbound() + " commands=" + p.commands() + " statuses=" + p.statuses()
                + " succeeded=" + p.outcome(Outcome.SUCCEEDED) + " failed=" + p.outcome(Outcome.FAILED)
                + " expired=" + p.outcome(Outcome.EXPIRED) + " unsupported=" + p.outcome(Outcome.UNSUPPORTED));
    }

    private static long rateLimited(ProviderSimulator sim) {
        return sim.calls().counts().stream()
                .filter(c -> c.reason().equals("rate-limited"))
                .mapToLong(c -> c.count())
                .sum();
    }
}
