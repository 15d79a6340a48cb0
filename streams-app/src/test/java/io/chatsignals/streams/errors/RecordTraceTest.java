package io.chatsignals.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.ops.Tracing;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;

/** A dead-lettered record's log line names its trace: with tracing on and a valid traceparent, and only then. */
class RecordTraceTest {
    @AfterEach
    void reset() {
        GlobalOpenTelemetry.resetForTest();
        MDC.clear();
    }

    @ParameterizedTest(name = "tracing {0}, traceparent {1} -> trace_id {2}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "true, 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, 4bf92f3577b34da6a3ce929d0e0e4736",
                "true, NULL, NULL",
                "true, 00-not-a-trace-01, NULL",
                "false, 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, NULL"
            })
    void theLogLineNamesTheRecordsTrace(boolean tracing, String traceparent, String traceId) {
        if (tracing) {
            GlobalOpenTelemetry.set(OpenTelemetry.noop());
        }
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        try (Scope scope = RecordTrace.logContext(headers)) {
            assertThat(MDC.get(Tracing.TRACE_ID)).isEqualTo(traceId);
        }
        assertThat(MDC.get(Tracing.TRACE_ID)).isNull();
    }
}
