package io.chatsignals.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR ("profile" settings) recording around a piece of work, summarised as the most sampled top frames overall and
 * the most sampled chat-signals frames anywhere on the stack.
 */
final class HotPathProfile {
    private static final int TOP_FRAMES = 20;
    private static final int OUR_FRAMES = 12;

    private HotPathProfile() {}

    interface Work {
        void run() throws Exception;
    }

    /**
     * @return printable lines: total samples, the top 20 top-of-stack methods, the top 12 io.chatsignals methods on
     *     stacks
     */
    static List<String> of(Work work) throws Exception {
        return of(work, "");
    }

    /**
     * As {@link #of(Work)}, counting only the samples of threads whose name contains {@code threads} (e.g.
     * {@code StreamThread}: where a Kafka Streams app's processing time goes).
     */
    static List<String> of(Work work, String threads) throws Exception {
        Path file = Files.createTempFile("bench", ".jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStackTrace() == null
                    || !String.valueOf(e.getThread("sampledThread").getJavaName())
                            .contains(threads)) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                top.merge(name(frames.get(0)), 1, Integer::sum);
            }
            frames.stream()
                    .map(HotPathProfile::name)
                    .filter(n -> n.startsWith("io.chatsignals"))
                    .distinct()
                    .forEach(n -> ours.merge(n, 1, Integer::sum));
        }
        Files.deleteIfExists(file);
        int total = Math.max(1, samples);
        List<String> out = new ArrayList<>();
        out.add("JFR execution samples" + (threads.isEmpty() ? "" : " of threads named *" + threads + "*") + ": "
                + samples);
        out.add("top-of-stack methods (share of samples):");
        out.addAll(rank(top, total, TOP_FRAMES));
        out.add("chat-signals methods on the sampled stacks (share of samples):");
        out.addAll(rank(ours, total, OUR_FRAMES));
        return out;
    }

    private static List<String> rank(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(limit)
                .map(e -> String.format("  %5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey()))
                .collect(Collectors.toList());
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
