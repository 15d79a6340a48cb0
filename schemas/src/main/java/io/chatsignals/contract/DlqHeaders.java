package io.chatsignals.contract;

/**
 * The headers chat-signals puts on a dead-letter record beside the failed record's own bytes (docs/operations.md, "Dead-letter
 * queues"): why it failed and where it came from. Written by the worker (commands DLQ) and ingress (inbound DLQ), read by
 * the CLI's {@code dlq replay}. streams-app's inbound DLQ records carry Kafka Streams' own {@code __streams.errors.*}
 * headers instead (KIP-1034).
 */
public final class DlqHeaders {
    private DlqHeaders() {}

    /** What every chat-signals DLQ header starts with. */
    public static final String PREFIX = "chatsignals.dlq.";

    /** Why the record is in the DLQ. */
    public static final String REASON = PREFIX + "reason";

    /** The topic the record was read from (worker). */
    public static final String TOPIC = PREFIX + "topic";

    /** The partition it was read from (worker). */
    public static final String PARTITION = PREFIX + "partition";

    /** The offset it was read from (worker). */
    public static final String OFFSET = PREFIX + "offset";

    /** The webhook source it came with, the provider's key (ingress). */
    public static final String SOURCE = PREFIX + "source";
}
