package io.chatsignals.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A record's trace context: written and read as W3C traceparent; none or a malformed one is no context, never an error. */
class TraceHeadersTest {

    @ParameterizedTest(name = "''{0}'' -> valid {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | true
            00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 | true
            00-00000000000000000000000000000000-00f067aa0ba902b7-01 | false
            00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01 | false
            garbage                                                 | false
            00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01   | false
            ''                                                      | false
            NULL                                                    | false
            """)
    void aTraceparentIsReadWhenWellFormedAndIgnoredOtherwise(String value, boolean valid) {
        RecordHeaders headers = new RecordHeaders();
        if (value != null) {
            headers.add(TraceHeaders.TRACEPARENT, value.getBytes(StandardCharsets.UTF_8));
        }
        SpanContext context = TraceHeaders.spanContext(headers);
        assertThat(context.isValid()).isEqualTo(valid);
        assertThat(TraceHeaders.parse(value).isValid()).isEqualTo(valid);
        if (valid) {
            assertThat(TraceHeaders.traceparent(context)).isEqualTo(value);
        }
    }

    @Test
    void injectingReplacesTheRecordsTraceparent() {
        SpanContext context = SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                TraceFlags.getSampled(),
                TraceState.getDefault());
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, "stale".getBytes(StandardCharsets.UTF_8));
        TraceHeaders.inject(Span.wrap(context), headers);
        assertThat(headers.headers(TraceHeaders.TRACEPARENT)).hasSize(1);
        SpanContext read = TraceHeaders.spanContext(headers);
        assertThat(read.getTraceId()).isEqualTo(context.getTraceId());
        assertThat(read.getSpanId()).isEqualTo(context.getSpanId());
        assertThat(read.isSampled()).isTrue();
    }
}
