package io.chatsignals.streams.decide;

import java.util.Locale;

/** When "typing…" is shown ({@code typing.policy}). */
public enum TypingPolicy {
    /** When an agent types (AGENT_TYPING activity), throttled to one per {@code typing.refresh}. */
    ON_AGENT_TYPING,
    /** Together with the on-receipt read, after {@code read.delay} of quiet. */
    ON_RECEIPT,
    /** Never. */
    OFF;

    /** Parses {@code on-agent-typing}, {@code on-receipt}, {@code off}. */
    public static TypingPolicy parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
