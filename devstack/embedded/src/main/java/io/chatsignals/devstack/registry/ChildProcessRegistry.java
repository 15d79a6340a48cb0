package io.chatsignals.devstack.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registry as a child JVM ({@code java -jar apicurio-registry-runner.jar}), its output in a log file. A JVM
 * shutdown hook kills it if the parent exits without {@link #stop()}, so no orphan outlives a run.
 */
final class ChildProcessRegistry implements RegistryProcess {
    private static final long STOP_WAIT_SECONDS = 15;

    private final Process process;
    private final Path logFile;
    private final Thread reaper;

    private ChildProcessRegistry(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.reaper = new Thread(process::destroyForcibly, "registry-child-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Launches the runner on 127.0.0.1:{@code port}.
     *
     * @param maxHeapMb child JVM heap limit in MiB
     * @throws UncheckedIOException if the JVM cannot be launched
     */
    static ChildProcessRegistry launch(Path runnerJar, int port, Path logFile, int maxHeapMb) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(List.of(java, "-Xmx" + maxHeapMb + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        RegistrySettings.systemProperties(port).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", runnerJar.toString()));
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            return new ChildProcessRegistry(process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the registry JVM: " + command, e);
        }
    }

    @Override
    public String diagnostics() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "log " + logFile + " ends: "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "log " + logFile + " unreadable: " + e;
        }
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void stop() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Quarkus shuts down gracefully
            try {
                if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; the process is already gone
        }
    }
}
