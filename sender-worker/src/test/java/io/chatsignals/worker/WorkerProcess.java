package io.chatsignals.worker;

import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** sender-worker as a separate JVM, as users run it: a config file, environment variables, its log in a file. */
final class WorkerProcess implements AutoCloseable {
    final Process process;
    final Path log;
    final int port;

    private WorkerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a worker with these settings (written to a properties file in {@code dir}) and environment variables;
     * returns once {@code /health/ready} answers 200.
     */
    static WorkerProcess start(Map<String, String> settings, Map<String, String> environment, Path dir, String name)
            throws IOException {
        int port = FreePorts.pick();
        Properties props = new Properties();
        props.putAll(settings);
        props.put("http.host", "127.0.0.1");
        props.put("http.port", Integer.toString(port));
        Path config = dir.resolve(name + ".properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "sender-worker " + name);
        }
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerApp.class.getName(),
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        WorkerProcess worker = new WorkerProcess(builder.start(), log, port);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .failFast("the worker exited: " + log, () -> !worker.process.isAlive())
                    .until(() -> worker.get("/health/ready").statusCode() == 200);
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    /** GET on the worker's ops HTTP server. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL, as a crash: no final commit, no group leave. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
