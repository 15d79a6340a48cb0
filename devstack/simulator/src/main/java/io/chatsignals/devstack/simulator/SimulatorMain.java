package io.chatsignals.devstack.simulator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the provider simulator standalone until Ctrl-C (SIGINT/SIGTERM). */
@Command(
        name = "provider-simulator",
        mixinStandardHelpOptions = true,
        description = "Every provider's API, as documented (HTTP); admin endpoints under /admin.")
public final class SimulatorMain implements Callable<Integer> {

    @Option(names = "--config", description = "JSON config file (see devstack/simulator/README.md)")
    Path config;

    @Option(names = "--port", description = "TCP port (overrides the config file; 0 picks a free one)")
    Integer port;

    @Option(names = "--host", description = "interface to bind (overrides the config file; default 127.0.0.1)")
    String host;

    @Option(names = "--lenient", description = "accept unknown umids / message ids as if delivered now")
    boolean lenient;

    /** Entry point; exit code 0 after Ctrl-C, 1 if it cannot start, 2 for bad arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        SimulatorConfig settings = config == null ? new SimulatorConfig() : SimulatorConfig.load(config);
        if (port != null) {
            settings.port = port;
        }
        if (host != null) {
            settings.host = host;
        }
        settings.lenient |= lenient;
        CountDownLatch stopped = new CountDownLatch(1);
        ProviderSimulator simulator = ProviderSimulator.start(settings);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "simulator-shutdown"));
        System.out.println("simulator.url=" + simulator.url());
        System.out.println("admin: " + simulator.url() + "/admin/stats; Ctrl-C stops it");
        stopped.await();
        return 0;
    }
}
