package io.chatsignals.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up sequence every app's {@code main} shares: configuration (file, then environment), log format, settings
 * validated, the configuration dumped with secrets masked, a Prometheus registry, the app, the ops server
 * ({@code /metrics}, {@code /health/live}, {@code /health/ready}), then a wait for SIGTERM/SIGINT that closes the app,
 * the ops server and the registry in that order.
 */
public final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    /** The ops server's interface and port, as an app's settings give them. */
    public interface HttpSettings {
        /** @return the interface the ops server binds */
        String httpHost();

        /** @return the ops server's port */
        int httpPort();
    }

    /** A started app as its health endpoints see it. */
    public interface Running extends AutoCloseable {
        /** @return false once the app cannot recover by itself (liveness) */
        boolean live();

        /** @return whether it takes work (readiness) */
        boolean ready();
    }

    /** Starts an app from its validated settings. */
    @FunctionalInterface
    public interface Start<S> {
        /** @throws RuntimeException when the app cannot start (the JVM exits with the error) */
        Running start(S settings, PrometheusMeterRegistry meters);
    }

    private Launcher() {}

    /**
     * Runs an app until the JVM is asked to stop: {@code <app> [config.properties]}; a usage line and exit code 2 for
     * more arguments.
     *
     * @param app          the app's name (metrics' {@code application} tag, log lines)
     * @param settings     reads and validates the settings; throws {@link IllegalArgumentException} naming the key
     * @param dumpPrefixes the key prefixes the start-up log line shows (secrets masked)
     * @throws IllegalArgumentException for a missing or malformed setting, before anything starts
     */
    public static <S extends HttpSettings> void run(
            String app, String[] args, Function<AppConfig, S> settings, List<String> dumpPrefixes, Start<S> start)
            throws InterruptedException {
        if (args.length > 1) {
            System.err.println("usage: " + app + " [config.properties]");
            System.exit(2);
        }
        AppConfig config = AppConfig.load(args.length == 1 ? Path.of(args[0]) : null);
        LogFormat.apply(LogFormat.read(config));
        S s = settings.apply(config);
        LOG.info("{} config: {}", app, config.dump(dumpPrefixes.toArray(String[]::new)));
        AutoCloseable tracing = Tracing.install(app, config);
        PrometheusMeterRegistry meters = Metrics.prometheus(app);
        Running running = start.start(s, meters);
        OpsServer ops = OpsServer.start(s.httpHost(), s.httpPort(), meters, running::live, running::ready);
        Shutdown.awaitSignalThenClose(app, running, ops, () -> {
            meters.close();
            tracing.close();
        });
    }

    /** @return {@code app} with these health checks */
    public static Running running(AutoCloseable app, BooleanSupplier live, BooleanSupplier ready) {
        return new Running() {
            @Override
            public boolean live() {
                return live.getAsBoolean();
            }

            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }

            @Override
            public void close() throws Exception {
                app.close();
            }
        };
    }
}
