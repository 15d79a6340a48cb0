package io.chatsignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every state store's metrics reach {@code /metrics}: Kafka Streams tags key-value and window stores with different tag
 * keys, which Prometheus refuses for meters of one name unless they are made one.
 */
class MetricsTest {
    @Test
    void keyValueAndWindowStoreMetricsOfOneNameAreBothRegistered() {
        PrometheusMeterRegistry registry = Metrics.prometheus("streams-app");
        List<String> refused = new ArrayList<>();
        registry.config().onMeterRegistrationFailed((id, reason) -> refused.add(id.getName() + ": " + reason));
        Gauge.builder("kafka.stream.state.record.e2e.latency.avg", () -> 1.0)
                .tags("thread.id", "t-1", "task.id", "1_0", "rocksdb.state.id", "conversations")
                .register(registry);
        Gauge.builder("kafka.stream.state.record.e2e.latency.avg", () -> 2.0)
                .tags("thread.id", "t-1", "task.id", "1_0", "rocksdb.window.state.id", "dedupe")
                .register(registry);
        assertThat(refused).isEmpty();
        assertThat(registry.scrape())
                .contains("state_id=\"conversations\"")
                .contains("state_id=\"dedupe\"")
                .contains("store_type=\"rocksdb.window\"");
        registry.close();
    }
}
