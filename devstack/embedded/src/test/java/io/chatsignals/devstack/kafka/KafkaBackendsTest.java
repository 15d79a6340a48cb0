package io.chatsignals.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same produce/consume check on each broker backend; a backend this machine cannot run is skipped with the reason. */
class KafkaBackendsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "testcontainers"})
    void eachBackendCarriesRecords(String backend) {
        var reason = KafkaBackends.unavailableReason(backend);
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        try (KafkaBroker broker = KafkaBackends.start(backend)) {
            assertThat(broker.backend()).isEqualTo(backend);
            String topic = "backend-" + UUID.randomUUID();
            EmbeddedKafkaTest.produce(broker.bootstrapServers(), topic, "one", "two");
            assertThat(EmbeddedKafkaTest.consume(broker.bootstrapServers(), topic, "g", 2))
                    .containsExactlyInAnyOrder("one", "two");
        }
    }

    @Test
    void testcontainersWithoutDockerSaysWhy() {
        assumeTrue(!ContainerKafka.dockerAvailable(), "this machine has Docker");
        assertThat(KafkaBackends.unavailableReason("testcontainers"))
                .get()
                .asString()
                .contains("needs a Docker engine");
        assertThatThrownBy(() -> KafkaBackends.start("testcontainers"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Docker");
    }

    @Test
    void unknownBackendIsAnError() {
        assertThatThrownBy(() -> KafkaBackends.unavailableReason("redpanda"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embedded or testcontainers");
    }
}
