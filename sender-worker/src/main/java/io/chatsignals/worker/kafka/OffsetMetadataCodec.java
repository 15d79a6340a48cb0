package io.chatsignals.worker.kafka;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.BitSet;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Encodes, in the metadata string of a committed offset, which offsets above it are still unfinished — the technique
 * of Confluent Parallel Consumer — so that the next owner of the partition (after a crash, a rebalance or a shutdown)
 * skips the finished ones and repeats only what was unfinished (docs/design.md, execution rule 2).
 *
 * <p>A commit at offset {@code base} (the lowest unfinished) carries {@code cs1:<span>:<form>:<payload>}: the offsets
 * {@code [base, base + span)} are known, and among them exactly those in the encoded set are unfinished; offsets from
 * {@code base + span} on are unknown and processed as new. Two forms, the shorter one is written: {@code b} — a
 * bitset, bit {@code i} set when {@code base + i} is unfinished (best for many interleaved accounts); {@code r} —
 * run lengths as unsigned varints, alternating unfinished and finished runs starting with an unfinished one (best
 * for long runs). Payloads are URL-safe base64 without padding.
 *
 * <p>The broker refuses metadata longer than {@code offset.metadata.max.bytes} (4,096 by default). When the full
 * span does not fit in {@code maxChars}, the span is cut to the longest prefix that fits: offsets past it are repeated
 * after a crash (at-least-once holds; only the bound on repeats loosens), and {@link Encoded#truncated()} says so.
 */
public final class OffsetMetadataCodec {
    /** Prefix of this format; metadata without it (e.g. written by another tool) is ignored. */
    public static final String PREFIX = "cs1:";

    /** What was encoded: the metadata, and whether the span had to be cut to fit. */
    public record Encoded(String metadata, long span, boolean truncated) {}

    /** What a committed metadata string says: offsets {@code [base, base + span)} are known; these are unfinished. */
    public record Decoded(long span, NavigableSet<Long> unfinished) {}

    private OffsetMetadataCodec() {}

    /**
     * @param base       the committed offset: the lowest unfinished offset, or one past the highest seen when none is
     * @param span       how many offsets from {@code base} on are known (highest seen + 1 − base); 0 or less: none
     * @param unfinished unfinished offsets; those outside {@code [base, base + span)} are ignored
     * @param maxChars   the longest metadata the broker takes (its {@code offset.metadata.max.bytes}; ASCII here)
     * @return the metadata, empty ("") when nothing above {@code base} is known
     */
    public static Encoded encode(long base, long span, NavigableSet<Long> unfinished, int maxChars) {
        if (span <= 0) {
            return new Encoded("", 0, false);
        }
        NavigableSet<Long> inSpan = unfinished.subSet(base, true, base + span, false);
        String full = shorter(base, span, inSpan);
        if (full.length() <= maxChars) {
            return new Encoded(full, span, false);
        }
        long low = 0;
        long high = span; // the longest span that fits lies in [low, high)
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (shorter(base, mid, inSpan.headSet(base + mid, false)).length() <= maxChars) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low == 0
                ? new Encoded("", 0, true)
                : new Encoded(shorter(base, low, inSpan.headSet(base + low, false)), low, true);
    }

    /**
     * @param base     the committed offset the metadata came with
     * @param metadata the committed metadata (null, empty or foreign: nothing known)
     * @return the known span and its unfinished offsets; empty when the metadata says nothing in this format
     * @throws IllegalArgumentException for metadata of this format that is corrupt
     */
    public static Optional<Decoded> decode(long base, String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = metadata.substring(PREFIX.length()).split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("offset metadata is not span:form:payload: " + metadata);
        }
        long span = Long.parseLong(parts[0]);
        byte[] payload = Base64.getUrlDecoder().decode(parts[2]);
        NavigableSet<Long> unfinished = new TreeSet<>();
        switch (parts[1]) {
            case "b" -> {
                BitSet bits = BitSet.valueOf(payload);
                for (int i = bits.nextSetBit(0); i >= 0 && i < span; i = bits.nextSetBit(i + 1)) {
                    unfinished.add(base + i);
                }
            }
            case "r" -> {
                long at = base;
                boolean open = true;
                int[] pos = {0};
                while (pos[0] < payload.length) {
                    long run = readVarint(payload, pos);
                    if (open) {
                        for (long o = at; o < at + run && o < base + span; o++) {
                            unfinished.add(o);
                        }
                    }
                    at += run;
                    open = !open;
                }
            }
            default -> throw new IllegalArgumentException("unknown offset metadata form '" + parts[1] + "'");
        }
        return Optional.of(new Decoded(span, unfinished));
    }

    private static String shorter(long base, long span, NavigableSet<Long> unfinished) {
        String runs = PREFIX + span + ":r:" + base64(runLengths(base, span, unfinished));
        if (span > Integer.MAX_VALUE - 64) {
            return runs;
        }
        BitSet bits = new BitSet((int) span);
        for (long o : unfinished) {
            bits.set((int) (o - base));
        }
        String bitset = PREFIX + span + ":b:" + base64(bits.toByteArray());
        return bitset.length() <= runs.length() ? bitset : runs;
    }

    private static byte[] runLengths(long base, long span, NavigableSet<Long> unfinished) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long at = base;
        boolean open = true; // the first run is of unfinished offsets (possibly empty)
        while (at < base + span) {
            long end = at;
            if (open) {
                while (end < base + span && unfinished.contains(end)) {
                    end++;
                }
            } else {
                Long next = unfinished.ceiling(at);
                end = next == null ? base + span : Math.min(next, base + span);
            }
            writeVarint(out, end - at);
            at = end;
            open = !open;
        }
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] in, int[] pos) {
        long value = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= in.length || shift > 63) {
                throw new IllegalArgumentException("truncated varint in offset metadata");
            }
            byte b = in[pos[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
