package io.chatsignals.devstack.registry;

import io.chatsignals.devstack.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Confluent-compatible schema registry for tests and the local run: Apicurio Registry 2.4.2.Final with
 * in-memory storage, serving Confluent's REST API under {@code /apis/ccompat/v7}, bound to 127.0.0.1 on a free port,
 * global compatibility set to BACKWARD (Apicurio's default is NONE).
 *
 * <p>Launched as a child JVM (default; ~2.5–5 s to ready, ~200 MB RSS) or in this JVM through an isolated class
 * loader.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS = 3;

    /** How the registry server runs. */
    public enum Mode {
        /** {@code java -jar} in a child process; isolated, killed on JVM exit. */
        CHILD_PROCESS,
        /** Inside this JVM in its own class loader; one at a time per JVM. */
        IN_PROCESS;

        /** Parses {@code child-process}/{@code in-process} (case-insensitive, {@code _} or {@code -}). */
        public static Mode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private final int port;
    private final Mode mode;
    private final RegistryProcess process;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EmbeddedSchemaRegistry(int port, Mode mode, RegistryProcess process) {
        this.port = port;
        this.mode = mode;
        this.process = process;
    }

    /**
     * Starts a registry and waits until its Confluent API answers, then sets global compatibility to BACKWARD.
     *
     * @param mode   child process or in-process
     * @param logDir where a child process writes {@code registry-<port>.log}
     * @throws IllegalStateException if the runner jar is missing or the server is not ready within 90 s
     *                               (after {@value #START_ATTEMPTS} attempts on fresh ports)
     */
    public static EmbeddedSchemaRegistry start(Mode mode, Path logDir) {
        Path runner = RegistryRunner.locate();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = FreePorts.pick();
            RegistryProcess process = mode == Mode.IN_PROCESS
                    ? InProcessRegistry.start(runner, port)
                    : ChildProcessRegistry.launch(runner, port, logDir.resolve("registry-" + port + ".log"), 384);
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(port, mode, process);
            try {
                registry.awaitReady();
                registry.setCompatibility("BACKWARD");
                LOG.info("embedded schema registry ({}) up at {}", mode, registry.url());
                return registry;
            } catch (IllegalStateException e) {
                process.stop();
                last = e;
                LOG.warn("registry start attempt {} failed: {}", attempt, e.getMessage());
            }
        }
        throw last;
    }

    /** @return the Confluent-compatible base URL, the value for {@code schema.registry.url} */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /** @return the TCP port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return how this registry runs */
    public Mode mode() {
        return mode;
    }

    /**
     * Sets the global compatibility level ({@code PUT /config}).
     *
     * @param level NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FULL, …
     * @throws IllegalStateException if the registry refuses it
     */
    public void setCompatibility(String level) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/config"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("registry refused compatibility " + level + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    /** @return the global compatibility level as the registry reports it ({@code GET /config}) */
    public String compatibility() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(url() + "/config")).GET().build());
        return response.body().replaceAll(".*\"compatibilityLevel\"\\s*:\\s*\"([A-Z_]+)\".*", "$1");
    }

    /** Stops the server (child: SIGTERM, then kill after 15 s) and waits for it. Idempotent. */
    @Override
    public void close() {
        process.stop();
        LOG.info("embedded schema registry at {} stopped", url());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("registry exited before it was ready; " + process.diagnostics());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(
                "registry not ready at " + url() + " after " + READY_TIMEOUT + "; " + process.diagnostics());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("registry at " + url() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the registry", e);
        }
    }
}
