package io.chatsignals.devstack.run.traffic;

import io.chatsignals.devstack.run.StopSignal;
import io.chatsignals.ops.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The webhook traffic generator on its own, against any cluster and registry (the compose {@code demo} profile runs
 * it next to a lenient provider simulator): publishes until {@code --duration} ends or SIGTERM, printing what it
 * published every 10 s.
 */
@Command(
        name = "traffic",
        mixinStandardHelpOptions = true,
        description = "Publish generated webhook traffic to the inbound topics.")
public final class TrafficMain implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    TrafficOptions traffic;

    @Option(names = "--duration", description = "stop after this long (e.g. 10m); default: until stopped")
    String duration;

    /** Exit code 0 when stopped or done, 2 for bad arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrafficMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Duration runFor = duration == null ? Duration.ofDays(3650) : Durations.parse(duration);
        StopSignal stop = StopSignal.install("traffic-shutdown", Duration.ofSeconds(10));
        try (TrafficGenerator generator = new TrafficGenerator(
                traffic.generator(System.nanoTime()),
                cluster.bootstrapServers(),
                cluster.registryUrl(),
                message -> {},
                null)) { // no polled providers' traffic: their conversations are the provider's (or a simulator's)
            generator.start();
            long until = System.nanoTime() + runFor.toNanos();
            while (!stop.await(Duration.ofSeconds(10)) && System.nanoTime() < until) {
                System.out.println("traffic: inbound=" + generator.inbound() + " activities=" + generator.activities());
            }
        } finally {
            stop.done();
        }
        return 0;
    }
}
