package io.chatsignals.devstack;

import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ops.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local run: starts the embedded KRaft broker and the embedded schema registry on 127.0.0.1, prints their
 * addresses, and keeps them up until Ctrl-C (SIGINT/SIGTERM) or until {@code --duration} ends, then stops both cleanly.
 */
@Command(
        name = "devstack",
        mixinStandardHelpOptions = true,
        description = "Runs an embedded Kafka broker (KRaft) and schema registry (Confluent API) on 127.0.0.1.")
public final class LocalStack implements Callable<Integer> {

    @Option(
            names = "--duration",
            description = "how long to stay up, ISO-8601 or e.g. 30s, 5m, 1h (default: until Ctrl-C)")
    String duration;

    @Option(
            names = "--data-dir",
            description = "broker log directory, kept across runs (default: a temporary one, deleted at exit)")
    Path dataDir;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "partitions of auto-created topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--registry-mode",
            defaultValue = "child-process",
            description = "child-process or in-process (default: ${DEFAULT-VALUE})")
    String registryMode;

    /** Entry point; exit code 0 after a clean stop, 1 if start-up failed, 2 for bad arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStack()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Duration upFor = duration == null ? null : Durations.parse(duration);
        Map<String, String> overrides = Map.of("num.partitions", Integer.toString(partitions));
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    awaitQuietly(stopped);
                },
                "devstack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedKafka kafka = dataDir == null
                        ? EmbeddedKafka.startTemporary(overrides)
                        : EmbeddedKafka.startIn(dataDir, overrides);
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                        EmbeddedSchemaRegistry.Mode.parse(registryMode),
                        Path.of(System.getProperty("java.io.tmpdir"), "chat-signals-devstack"))) {
            System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
            System.out.println("schema.registry.url=" + registry.url());
            System.out.println(upFor == null ? "devstack up; Ctrl-C stops it" : "devstack up for " + upFor);
            if (upFor == null) {
                stop.await();
            } else {
                stop.await(upFor.toMillis(), TimeUnit.MILLISECONDS);
            }
            System.out.println("devstack stopping");
        } finally {
            stopped.countDown();
            if (!stop.await(0, TimeUnit.MILLISECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        System.out.println("devstack stopped");
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
