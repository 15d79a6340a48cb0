package io.chatsignals.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {

    @AfterEach
    void clear() {
        System.clearProperty("read.delay");
    }

    @Test
    void fileValuesAreOverriddenBySystemProperties(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(
                file,
                "read.delay=3s\nread.policy=off\nkafka.linger.ms=5\nschema.registry.basic.auth.user.info=me:pw\n");
        System.setProperty("read.delay", "750ms");
        AppConfig config = AppConfig.load(file);

        assertThat(config.duration("read.delay", Duration.ZERO)).isEqualTo(Duration.ofMillis(750));
        assertThat(config.oneOf("read.policy", "on-receipt", "on-receipt", "off"))
                .isEqualTo("off");
        assertThat(config.duration("typing.ttl", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.withPrefix("kafka")).containsEntry("linger.ms", "5");
        assertThat(config.dump("schema.")).containsEntry("schema.registry.basic.auth.user.info", "****");
        assertThat(AppConfig.mask("eightbyeight.api-key.acme", "k")).isEqualTo("****");
        assertThat(AppConfig.mask("nxcloud.access-key", "k")).isEqualTo("****");
        assertThat(AppConfig.mask("nxcloud.secret-file", "/run/s")).isEqualTo("****");
        assertThat(AppConfig.mask("read.delay", "2s")).isEqualTo("2s");
    }

    @Test
    void kubernetesServiceLinkVariablesNeverBecomeClientSettings() {
        AppConfig config = AppConfig.of(Map.of(
                "KAFKA_PORT",
                "tcp://10.0.0.7:9092",
                "KAFKA_SERVICE_HOST",
                "10.0.0.7",
                "KAFKA_SERVICE_PORT",
                "9092",
                "KAFKA_PORT_9092_TCP",
                "tcp://10.0.0.7:9092",
                "KAFKA_PORT_9092_TCP_ADDR",
                "10.0.0.7",
                "KAFKA_LINGER_MS",
                "5",
                "KAFKA_NUM_STREAM_THREADS",
                "2"));
        assertThat(config.withPrefix("kafka"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("linger.ms", "5", "num.stream.threads", "2"));
    }

    @ParameterizedTest(name = "{0} is a service link: {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            KAFKA_PORT                           | true
            KAFKA_SERVICE_HOST                   | true
            KAFKA_SERVICE_PORT                   | true
            SCHEMA_REGISTRY_SERVICE_PORT_HTTP    | true
            KAFKA_PORT_9092_TCP                  | true
            KAFKA_PORT_9092_TCP_PROTO            | true
            KAFKA_PORT_9092_UDP_PORT             | true
            KAFKA_BOOTSTRAP_SERVERS              | false
            KAFKA_SASL_KERBEROS_SERVICE_NAME     | false
            KAFKA_NUM_STREAM_THREADS             | false
            SCHEMA_REGISTRY_URL                  | false
            """)
    void serviceLinkShapes(String variable, boolean serviceLink) {
        assertThat(AppConfig.isServiceLink(variable)).isEqualTo(serviceLink);
    }

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            schema.registry.url                    | http://user:pw@registry:8081                        | http://****@registry:8081
            schema.registry.url                    | https://a:b@r1:8081,https://c:d@r2:8081             | https://****@r1:8081,https://****@r2:8081
            schema.registry.url                    | http://registry:8081                                | http://registry:8081
            kafka.consumer.sasl.jaas.config        | org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p"; | ****
            kafka.producer.sasl.jaas.config        | x                                                   | ****
            kafka.consumer.ssl.keystore.password   | s3cret                                              | ****
            kafka.consumer.ssl.key.password        | s3cret                                              | ****
            provider.ssl.truststore.password       | s3cret                                              | ****
            basic.auth.user.info                   | me:pw                                               | ****
            eightbyeight.api-key.acme              | k                                                   | ****
            nxcloud.access-key                     | k                                                   | ****
            nxcloud.secret-file                    | /run/s                                              | ****
            huawei.iam.token                       | t                                                   | ****
            webhooks.8x8.authorization             | Basic dXNlcjpwdw==                                  | ****
            webhooks.whatsapp-cloud.app-secret     | s                                                   | ****
            activity.token.helpdesk                | t                                                   | ****
            whatsapp-cloud.token.106540352242922   | EAAG                                                | ****
            kafka.consumer.sasl.oauthbearer.client.credentials | c                                       | ****
            some.setting                           | user=x password=y                                   | ****
            some.setting                           | secret: y                                           | ****
            kafka.producer.key.serializer          | org.apache.kafka.common.serialization.ByteArraySerializer | org.apache.kafka.common.serialization.ByteArraySerializer
            read.delay                             | 2s                                                  | 2s
            topic.commands                         | chat.commands.v1                                    | chat.commands.v1
            """)
    void maskHidesEverySecretAndOnlySecrets(String key, String value, String shown) {
        assertThat(AppConfig.mask(key, value)).isEqualTo(shown);
    }

    @Test
    void dumpMasksUrlUserInfoAndJaasConfigs() {
        AppConfig config = AppConfig.of(Map.of(
                "schema.registry.url",
                "http://user:password@registry:8081",
                "kafka.consumer.sasl.jaas.config",
                "PlainLoginModule required username=\"u\" password=\"hunter2\";",
                "read.delay",
                "2s"));
        String dump = config.dump("schema.", "kafka.", "read.").toString();
        assertThat(dump)
                .doesNotContain("password@")
                .doesNotContain("hunter2")
                .contains("http://****@registry:8081")
                .contains("2s");
    }

    @Test
    void keysUnderPrefixesKeepTheirFullNames() {
        AppConfig config = AppConfig.of(Map.of(
                "schema.registry.url",
                "http://r",
                "schema.registry.ssl.truststore.type",
                "JKS",
                "basic.auth.credentials.source",
                "URL",
                "read.delay",
                "2s"));
        assertThat(config.underPrefixes("schema.registry.", "basic.auth."))
                .containsOnlyKeys(
                        "schema.registry.url", "schema.registry.ssl.truststore.type", "basic.auth.credentials.source");
    }

    @Test
    void environmentVariableNamesFollowTheUsualMapping() {
        assertThat(AppConfig.envName("read.delay")).isEqualTo("READ_DELAY");
        assertThat(AppConfig.envName("typing.window.8x8")).isEqualTo("TYPING_WINDOW_8X8");
        assertThat(AppConfig.envName("kafka.bootstrap.servers")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void badValuesNameTheKey() {
        AppConfig config =
                AppConfig.of(Map.of("read.delay", "soon", "read.policy", "sometimes", "http.port", "eighty"));
        assertThatThrownBy(() -> config.duration("read.delay", Duration.ZERO))
                .hasMessageContaining("read.delay")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> config.oneOf("read.policy", "off", "on-receipt", "off"))
                .hasMessageContaining("read.policy")
                .hasMessageContaining("on-receipt, off");
        assertThatThrownBy(() -> config.integer("http.port", 8080)).hasMessageContaining("http.port");
        assertThatThrownBy(() -> config.required("bootstrap.servers"))
                .hasMessageContaining("bootstrap.servers")
                .hasMessageContaining("BOOTSTRAP_SERVERS");
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> AppConfig.load(dir.resolve("nope.properties")))
                .hasMessageContaining("nope.properties");
    }
}
