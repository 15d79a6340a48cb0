package io.chatsignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    /**
     * An endpoint alone (the collector's :4318, as the Compose file and the Kubernetes ConfigMap give it) gets OTLP
     * over HTTP/protobuf, the specification's default: the Java SDK's own default, gRPC, would fail against it.
     */
    @Test
    void anEndpointAloneExportsOtlpOverHttpProtobuf() throws Exception {
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        List<String> requests = new CopyOnWriteArrayList<>();
        collector.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            Map<String, String> settings = Map.of(
                    "otel.sdk.disabled",
                    "false",
                    "otel.exporter.otlp.endpoint",
                    "http://127.0.0.1:" + collector.getAddress().getPort());
            try (AutoCloseable installed = Tracing.install("test-app", AppConfig.of(settings))) {
                Tracing.current("io.chatsignals.test")
                        .tracer()
                        .spanBuilder("x")
                        .startSpan()
                        .end();
            } // closing flushes the batch
            assertThat(requests).containsExactly("POST /v1/traces application/x-protobuf");
        } finally {
            collector.stop(0);
        }
    }
}
