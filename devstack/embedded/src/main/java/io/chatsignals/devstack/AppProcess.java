package io.chatsignals.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One of chat-signals' apps as a separate JVM, as users run it: {@code java <main> <config.properties>}, settings in the
 * file, environment variables on top, its log in a file, ready once {@code /health/ready} answers 200 (or any main
 * with its arguments, ready once a path of its HTTP port answers: {@link #launch}). A crash test
 * kills it with SIGKILL ({@link #kill()}) or stops it with SIGTERM ({@link #process}{@code .destroy()}).
 */
public final class AppProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The only variables the child inherits: the apps read their settings from the environment too. */
    private static final List<String> INHERITED = List.of("PATH", "HOME", "TMPDIR", "LANG");

    /** The JVM. */
    public final Process process;
    /** Its standard output and error, appended to across restarts of the same name. */
    public final Path log;
    /** Its ops HTTP port on 127.0.0.1. */
    public final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code mainClass} with these settings (written to {@code <dir>/<name>.properties}, plus {@code http.host}
     * and a free {@code http.port}) and environment variables; returns once {@code /health/ready} answers 200.
     *
     * @param jvmOptions e.g. {@code -Xmx512m}
     * @throws IllegalStateException if it exits or is not ready within 120 s (the message names its log)
     */
    public static AppProcess start(
            Class<?> mainClass,
            Map<String, String> settings,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path dir,
            String name)
            throws IOException {
        int port = FreePorts.pick();
        Properties props = new Properties();
        props.putAll(settings);
        props.put("http.host", "127.0.0.1");
        props.put("http.port", Integer.toString(port));
        Path config = dir.resolve(name + ".properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, name);
        }
        return launch(
                mainClass,
                List.of(config.toString()),
                environment,
                jvmOptions,
                dir.resolve(name + ".log"),
                port,
                "/health/ready");
    }

    /**
     * Starts {@code java <jvmOptions> -cp … <mainClass> <args>} (any main of this JVM's class path, e.g. Kafka Connect's
     * own) with only these environment variables on top of PATH, HOME, TMPDIR and LANG; returns once GET
     * {@code readyPath} on {@code port} of 127.0.0.1 answers 200.
     *
     * @param log       standard output and error, appended to
     * @param port      the HTTP port the process listens on, which the caller chose (free)
     * @param readyPath e.g. {@code /health/ready}
     * @throws IllegalStateException if it exits or is not ready within 120 s (the message names its log)
     */
    public static AppProcess launch(
            Class<?> mainClass,
            List<String> args,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path log,
            int port,
            String readyPath)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", ChildClasspath.of(mainClass), mainClass.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().retainAll(INHERITED);
        builder.environment().putAll(environment);
        AppProcess app = new AppProcess(builder.start(), log, port);
        try {
            app.awaitReady(readyPath);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** GET on the app's ops HTTP server. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(String readyPath) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited before it was ready; see " + log);
            }
            try {
                if (get(readyPath).statusCode() == 200) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            name() + " not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
                }
                Thread.sleep(200); // polling readiness
            } catch (IOException notListeningYet) {
                // the ops server is not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private String name() {
        return log.getFileName().toString().replaceFirst("\\.log$", "");
    }

    /** SIGKILL, as a crash: no final commit, no group leave; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGKILL if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
