package io.chatsignals.devstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.chatsignals.devstack.kafka.ContainerKafka;
import io.chatsignals.devstack.kafka.KafkaBackends;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** One annotation gives a test a broker and a registry, shared across classes; an unusable backend skips with the reason. */
class KafkaStackExtensionTest {
    static final List<Object> SEEN = new ArrayList<>();

    @KafkaStack
    static class First {
        @Test
        void gets(KafkaBroker kafka, EmbeddedSchemaRegistry registry) {
            SEEN.add(kafka);
            SEEN.add(registry);
        }
    }

    @KafkaStack
    static class Second {
        @Test
        void gets(KafkaBroker kafka, EmbeddedSchemaRegistry registry) {
            SEEN.add(kafka);
            SEEN.add(registry);
        }
    }

    @Test
    void brokerAndRegistryAreResolvedAndSharedAcrossClasses() {
        SEEN.clear();
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(First.class), selectClass(Second.class))
                .execute()
                .testEvents();
        events.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(2));
        assertThat(SEEN.get(1)).isSameAs(SEEN.get(3));
        assertThat(((KafkaBroker) SEEN.get(0)).backend()).isEqualTo(KafkaBackends.configured());
    }

    @Test
    void testcontainersBackendWithoutDockerSkipsWithTheReason() {
        assumeTrue(!ContainerKafka.dockerAvailable(), "this machine has Docker");
        SEEN.clear();
        String previous = System.getProperty(KafkaBackends.PROPERTY);
        System.setProperty(KafkaBackends.PROPERTY, "testcontainers");
        try {
            Events containers = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(First.class))
                    .execute()
                    .containerEvents();
            containers.assertStatistics(stats -> stats.aborted(1).failed(0));
            String reason = containers.aborted().stream()
                    .findFirst()
                    .orElseThrow()
                    .getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable)
                    .map(Throwable::getMessage)
                    .orElse("");
            assertThat(reason).contains("skipped").contains("Docker engine");
            assertThat(SEEN).as("no test ran on a missing backend").isEmpty();
        } finally {
            if (previous == null) {
                System.clearProperty(KafkaBackends.PROPERTY);
            } else {
                System.setProperty(KafkaBackends.PROPERTY, previous);
            }
        }
    }
}
