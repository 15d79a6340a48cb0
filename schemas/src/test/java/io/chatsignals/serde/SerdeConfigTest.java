package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {

    @Test
    void confluentKeysAndDefaults() {
        SerdeConfig config =
                SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8081/, https://b:8081/ccompat"));
        assertThat(config.urls())
                .extracting(Object::toString)
                .containsExactly("http://a:8081", "https://b:8081/ccompat");
        assertThat(config.autoRegister()).isTrue();
        assertThat(config.specificReader()).isFalse();
        assertThat(config.requestTimeout()).hasMillis(30_000);
    }

    @Test
    void missingUrlIsAClearError() {
        assertThatThrownBy(() -> SerdeConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void malformedValuesNameTheKey() {
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "registry:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> SerdeConfig.from(
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://r", SerdeConfig.AUTO_REGISTER_SCHEMAS, "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL, "http://r", SerdeConfig.BASIC_AUTH_USER_INFO, "token-only")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("token-only");
    }

    @Test
    void urlCredentialsAreStrippedFromTheUrls() {
        SerdeConfig config = SerdeConfig.from(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL,
                "https://me:pw@r.example:8081",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                "URL"));
        assertThat(config.urls()).extracting(Object::toString).containsExactly("https://r.example:8081");
        assertThat(config.toString()).doesNotContain("pw");
    }
}
