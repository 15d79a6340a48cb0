package io.chatsignals.worker;

import io.chatsignals.ops.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerSettingsTest {

    @ParameterizedTest(name = "{0}={1} is refused at start")
    @CsvSource({
            "inflight.per-account,      0,  1",
            "inflight.max,              -3, 1",
            "buffer.max,                0,  1",
            "buffer.per-account,        0,  1",
            "buffer.max-parked,         0,  1",
            "commit.metadata.max-bytes, 10, 64",
    })
    void aValueThatWouldStallTheWorkerFailsAtStartWithTheKeyTheValueAndTheRule(String key, String value, int min) {
        AppConfig config = AppConfig.of(Map.of("bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081",
                key, value));
        assertThatThrownBy(() -> WorkerSettings.from(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key).hasMessageContaining(value).hasMessageContaining("at least " + min);
    }

    @Test
    void autoRegisterSchemasReachesTheStatusSerializer() {
        AppConfig config = AppConfig.of(Map.of("bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081",
                "auto.register.schemas", "false"));
        assertThat(WorkerSettings.from(config).registry).containsEntry("auto.register.schemas", "false");
    }
}
