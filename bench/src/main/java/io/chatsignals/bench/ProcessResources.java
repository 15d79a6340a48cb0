package io.chatsignals.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a JVM process on this machine holds, read from outside as an operator would: resident memory, threads and open
 * file descriptors from Linux's {@code /proc/<pid>}, and the heap after a full collection from the JDK's own
 * {@code jcmd} ({@code GC.run}, then {@code GC.heap_info}: the live heap, not the heap at a random moment).
 *
 * @param heapAfterGcMiB the heap in use right after a full GC, MiB; -1 when jcmd could not say
 * @param rssMiB         resident set size, MiB
 * @param threads        threads of the process
 * @param fds            open file descriptors (sockets, files, pipes)
 */
public record ProcessResources(double heapAfterGcMiB, double rssMiB, int threads, int fds) {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /**
     * @throws IOException when the process is gone (its {@code /proc} entry cannot be read)
     */
    public static ProcessResources of(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII);
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = (int) open.count();
        }
        return new ProcessResources(
                heapAfterGcMiB(pid), kib(status, "VmRSS") / 1024.0, (int) kib(status, "Threads"), fds);
    }

    private static long kib(String status, String field) {
        Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+)").matcher(status);
        if (!m.find()) {
            throw new IllegalStateException("/proc status has no " + field);
        }
        return Long.parseLong(m.group(1));
    }

    /** @return the heap in use after a full GC, MiB, or -1 when jcmd could not tell */
    private static double heapAfterGcMiB(long pid) {
        try {
            jcmd(pid, "GC.run");
            Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(java.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " did not answer within 60 s");
        }
        return out;
    }
}
