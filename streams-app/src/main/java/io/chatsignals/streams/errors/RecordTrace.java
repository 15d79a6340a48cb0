package io.chatsignals.streams.errors;

import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.ops.Tracing;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.header.Headers;

/**
 * The trace of a record being dead-lettered, in the log line Kafka Streams writes about it: its creation context's
 * {@code trace_id} and {@code span_id} (docs/operations.md, "Tracing") in the MDC while the handler runs. Nothing is
 * read with tracing off, and a record without a valid {@code traceparent} names no trace.
 */
final class RecordTrace {
    private RecordTrace() {}

    /** @return the scope to close once the record is handled (a no-op with tracing off) */
    static Scope logContext(Headers headers) {
        return Tracing.current("io.chatsignals.streams").enabled() && headers != null
                ? Tracing.logContext(TraceHeaders.spanContext(headers))
                : Scope.noop();
    }
}
