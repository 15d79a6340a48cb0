package io.chatsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.serde.SerdeConfig;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamsSettingsTest {

    @ParameterizedTest(name = "{0}={1} reaches the serde")
    @CsvSource({
        "auto.register.schemas,                  false",
        "basic.auth.credentials.source,          URL",
        "schema.registry.request.timeout.ms,     2000",
    })
    void everySerdeKeyReachesTheSerde(String key, String value) {
        AppConfig config = AppConfig.of(Map.of(
                "bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081", key, value));
        Map<String, Object> registry = StreamsSettings.from(config).registry();
        assertThat(registry).containsEntry(key, value);
        if (key.equals(SerdeConfig.AUTO_REGISTER_SCHEMAS)) {
            assertThat(SerdeConfig.from(registry).autoRegister()).isFalse();
        }
    }
}
