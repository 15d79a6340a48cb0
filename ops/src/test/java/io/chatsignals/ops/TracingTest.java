package io.chatsignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tracing is off unless {@code otel.sdk.disabled=false}; turned on, the SDK's autoconfiguration builds an OTLP exporter
 * (over the JDK's HTTP client, both protocols) and the apps' tracers record.
 */
class TracingTest {
    @AfterEach
    void reset() {
        GlobalOpenTelemetry.resetForTest();
    }

    @ParameterizedTest(name = "otel.sdk.disabled={0}, protocol {1} -> on {2}")
    @CsvSource(
            nullValues = "NULL",
            value = {"NULL, NULL, false", "true, NULL, false", "false, http/protobuf, true", "false, grpc, true"})
    void onlyAnExplicitFalseTurnsItOn(String disabled, String protocol, boolean on) throws Exception {
        GlobalOpenTelemetry.resetForTest();
        Map<String, String> settings = new HashMap<>();
        if (disabled != null) {
            settings.put("otel.sdk.disabled", disabled);
        }
        if (protocol != null) {
            settings.put("otel.exporter.otlp.protocol", protocol);
            settings.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
        }
        try (AutoCloseable installed = Tracing.install("test-app", AppConfig.of(settings))) {
            Tracing tracing = Tracing.current("io.chatsignals.test");
            assertThat(tracing.enabled()).isEqualTo(on);
            assertThat(tracing.tracer()
                            .spanBuilder("x")
                            .startSpan()
                            .getSpanContext()
                            .isValid())
                    .isEqualTo(on);
        }
    }
}
