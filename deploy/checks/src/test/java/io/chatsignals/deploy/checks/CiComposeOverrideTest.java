package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * CI's override of the Compose file (.ci/compose.ci.yaml) swaps the third-party images for local stand-ins and
 * changes nothing else: the demo CI brings up is docker/compose.yaml as users run it.
 */
class CiComposeOverrideTest {
    private static final Path OVERRIDE = Path.of("..", "..", ".ci", "compose.ci.yaml");

    @Test
    void itTouchesOnlyThirdPartyServicesAndOnlyTheirImage() throws Exception {
        JsonNode services = ComposeCoherenceTest.compose().path("services");
        JsonNode override = new ObjectMapper(new YAMLFactory()).readTree(OVERRIDE.toFile());
        assertThat(override.fieldNames()).toIterable().containsExactly("services");
        List<String> touched = new ArrayList<>();
        override.path("services").properties().forEach(service -> {
            String name = service.getKey();
            touched.add(name);
            assertThat(services.has(name))
                    .as("%s is a service of compose.yaml", name)
                    .isTrue();
            assertThat(services.path(name).path("image").asText())
                    .as("%s runs a third-party image", name)
                    .doesNotStartWith("chat-signals/");
            // a stand-in image, or (no stand-in at all) a profile that CI never starts
            assertThat(service.getValue().fieldNames()).toIterable().hasSize(1).isSubsetOf(Set.of("image", "profiles"));
            if (service.getValue().has("profiles")) {
                assertThat(service.getValue().path("profiles").toString()).doesNotContain("demo");
            }
        });
        assertThat(touched).contains("kafka", "topics", "schema-registry", "prometheus");
    }

    @Test
    void itsKafkaIsTheKafkaTheBuildUses() throws Exception {
        JsonNode override =
                new ObjectMapper(new YAMLFactory()).readTree(OVERRIDE.toFile()).path("services");
        String kafka = "localhost/kafka:" + AppInfoParser.getVersion();
        assertThat(override.at("/kafka/image").asText()).isEqualTo(kafka);
        assertThat(override.at("/topics/image").asText()).isEqualTo(kafka);
    }
}
