package io.chatsignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesMetricsLivenessAndReadiness() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        PrometheusMeterRegistry registry = Metrics.prometheus("test-app");
        registry.counter("chatsignals.things", "kind", "a").increment(3);
        registry.timer("chatsignals.calls").record(Duration.ofMillis(30));
        registry.timer("other.calls").record(Duration.ofMillis(30));
        try (OpsServer server = OpsServer.start("127.0.0.1", 0, registry, ready::get)) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(base + "/health/ready").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
            String metrics = get(base + "/metrics").body();
            assertThat(metrics).contains("chatsignals_things_total{application=\"test-app\",kind=\"a\"} 3.0");
            assertThat(metrics)
                    .contains("jvm_memory_used_bytes")
                    .contains("chatsignals_ready{application=\"test-app\"} 1.0");
            assertThat(metrics)
                    .as("chat-signals timers publish histogram buckets")
                    .contains("chatsignals_calls_seconds_bucket{application=\"test-app\",le=\"0.025\"} 0")
                    .contains("chatsignals_calls_seconds_bucket{application=\"test-app\",le=\"0.05\"} 1")
                    .doesNotContain("other_calls_seconds_bucket");
        } finally {
            registry.close();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
