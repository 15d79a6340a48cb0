package io.chatsignals.streams.decide;

import java.util.Locale;

/** When messages are marked read ({@code read.policy}); reading is a product decision (docs/providers.md, platform rules). */
public enum ReadPolicy {
    /** After {@code read.delay} of quiet following a receipt, mark the latest message read (a burst becomes one command). */
    ON_RECEIPT,
    /** When an agent views the conversation, mark the latest unread message read. */
    ON_AGENT_VIEW,
    /** Never. */
    OFF;

    /** Parses {@code on-receipt}, {@code on-agent-view}, {@code off}. */
    public static ReadPolicy parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
