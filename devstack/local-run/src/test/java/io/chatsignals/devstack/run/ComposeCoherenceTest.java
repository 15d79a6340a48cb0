package io.chatsignals.devstack.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.streams.topology.Topics;
import io.chatsignals.worker.WorkerSettings;
import io.chatsignals.worker.provider.Credentials;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker cannot run here, so the compose deployment is checked against the apps instead: every environment variable
 * it gives an app is a setting that app reads, the HTTP ports agree with Prometheus and the health checks, and the
 * topics it creates are the ones the apps use.
 */
class ComposeCoherenceTest {
    private static final Path DOCKER = Path.of("..", "..", "docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyVariableGivenToStreamsAppIsASettingItReads() throws Exception {
        JsonNode service = compose().at("/services/streams-app");
        Set<String> understood = envNames(streamsKeys());
        for (String variable : names(service.path("environment"))) {
            assertThat(variable.startsWith("KAFKA_") || understood.contains(variable))
                    .as("streams-app reads no setting for " + variable).isTrue();
        }
    }

    @Test
    void everyVariableGivenToTheWorkerIsASettingItReads() throws Exception {
        JsonNode service = compose().at("/services/sender-worker");
        Set<String> understood = envNames(workerKeys());
        Set<String> credentialPrefixes = envNames(new HashSet<>(Credentials.KEYS));
        Set<String> variables = new HashSet<>(names(service.path("environment")));
        assertThat(service.path("env_file").get(0).asText()).isEqualTo(".env");
        for (String line : Files.readAllLines(DOCKER.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                variables.add(line.substring(0, line.indexOf('=')));
            }
        }
        for (String variable : variables) {
            boolean credential = credentialPrefixes.stream().anyMatch(p -> variable.equals(p) || variable.startsWith(p + "_"));
            assertThat(variable.startsWith("KAFKA_") || credential || understood.contains(variable))
                    .as("sender-worker reads no setting for " + variable).isTrue();
        }
        assertThat(variables).contains("EIGHTBYEIGHT_API_KEY", "NXCLOUD_ACCESS_KEY", "NXCLOUD_SECRET", "EIGHTBYEIGHT_BASE_URL", "NXCLOUD_BASE_URL");
    }

    @Test
    void portsAgreeBetweenAppsComposePrometheusAndHealthChecks() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(services.at("/streams-app/environment/HTTP_PORT").asText()).isEqualTo("8080");
        assertThat(services.at("/streams-app/ports/0").asText()).isEqualTo("8080:8080");
        assertThat(services.at("/sender-worker/environment/HTTP_PORT").asText()).isEqualTo("8081");
        assertThat(services.path("sender-worker").has("ports")).as("no host port, so the worker can scale").isFalse();
        JsonNode prometheus = YAML.readTree(DOCKER.resolve("prometheus.yml").toFile());
        assertThat(prometheus.at("/scrape_configs/0/static_configs/0/targets/0").asText()).isEqualTo("streams-app:8080");
        assertThat(prometheus.at("/scrape_configs/1/dns_sd_configs/0/names/0").asText()).isEqualTo("sender-worker");
        assertThat(prometheus.at("/scrape_configs/1/dns_sd_configs/0/port").asInt()).isEqualTo(8081);
        assertThat(Files.readString(DOCKER.resolve("streams-app.Dockerfile"))).contains("HTTP_PORT=8080").contains("127.0.0.1:8080/health/ready");
        assertThat(Files.readString(DOCKER.resolve("sender-worker.Dockerfile"))).contains("HTTP_PORT=8081").contains("127.0.0.1:8081/health/ready");
        assertThat(StreamsSettings.from(AppConfig.of(required())).httpPort()).isEqualTo(8080);
    }

    @Test
    void theTopicsComposeCreatesAreTheOnesTheAppsUse() throws Exception {
        String command = compose().at("/services/topics/command/0").asText();
        Matcher m = Pattern.compile("for topic in ([^;]+);").matcher(command);
        assertThat(m.find()).isTrue();
        Set<String> created = Set.of(m.group(1).trim().split("\\s+"));
        Topics streams = Topics.defaults();
        assertThat(created).contains(streams.inbound8x8(), streams.inboundNxCloud(), streams.activity(), streams.commands(), streams.inboundDlq());
        assertThat(created).contains(Stack.STATUS, Stack.COMMANDS_DLQ);
        assertThat(created).containsExactlyInAnyOrder(Stack.INBOUND_8X8, Stack.INBOUND_NXCLOUD, Stack.ACTIVITY, Stack.COMMANDS, Stack.STATUS,
                Stack.INBOUND_DLQ, Stack.COMMANDS_DLQ);
    }

    private static JsonNode compose() throws Exception {
        return YAML.readTree(DOCKER.resolve("compose.yaml").toFile());
    }

    private static Set<String> streamsKeys() {
        AppConfig config = AppConfig.of(required());
        StreamsSettings.from(config);
        return config.keysRead();
    }

    private static Set<String> workerKeys() {
        AppConfig config = AppConfig.of(required());
        WorkerSettings settings = WorkerSettings.from(config);
        settings.perSecond("EIGHT_BY_EIGHT:acme:MARK_READ");
        settings.perSecond("NXCLOUD:8613800000000:MARK_READ");
        return config.keysRead();
    }

    private static Map<String, String> required() {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "kafka:9092");
        m.put("schema.registry.url", "http://schema-registry:8081");
        return m;
    }

    private static Set<String> envNames(Set<String> keys) {
        Set<String> out = new HashSet<>();
        keys.forEach(k -> out.add(AppConfig.envName(k)));
        return out;
    }

    private static List<String> names(JsonNode environment) {
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<String> it = environment.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
