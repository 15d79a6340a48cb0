package io.chatsignals.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Percentiles of a list of longs (ms), and process memory figures. */
final class Percentiles {
    private Percentiles() {}

    /** @return the p-quantile (0..1) of the values, 0 when empty */
    static long of(long[] values, int count, double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, Math.max(0, (int) Math.ceil(p * count) - 1))];
    }

    /** @return used heap in MiB after a GC request */
    static long heapMiB() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }

    /** @return this process's resident set size in MiB (Linux /proc), or -1 */
    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) >> 10;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }
}
