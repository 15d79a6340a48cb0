package io.chatsignals.ingress;

import static io.chatsignals.ingress.IngressHarness.AUTH_8X8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.webhooks.Samples;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost, nothing lost is acknowledged: with the broker stopped a webhook is answered 503 within
 * its produce timeout (8x8 retries it); once the broker is back the retried webhook is answered 200, and the topic holds
 * it (copies of one message, if a timed-out write landed late, share its umid: streams-app's dedupe keeps one).
 * Readiness follows the cluster: not ready while the broker is away (the load balancer sends webhooks elsewhere), ready
 * again once it is back.
 */
@KafkaStack
class IngressBrokerOutageTest {

    @Test
    void aStoppedBrokerIsAnswered503AndTheRetryLandsOnceItIsBack(EmbeddedSchemaRegistry registry) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary(Map.of());
                IngressHarness h = new IngressHarness(
                        kafka, registry, Map.of("produce.timeout.8x8", "2s", "health.broker-probe-interval", "1s"))) {
            await().atMost(Duration.ofSeconds(10)).until(h.app::ready);
            String first = webhook();
            assertThat(h.post("/webhooks/8x8", first, "Content-Type", "application/json", "Authorization", AUTH_8X8)
                            .statusCode())
                    .isEqualTo(200);

            kafka.stop();
            String second = webhook();
            long started = System.nanoTime();
            assertThat(h.post("/webhooks/8x8", second, "Content-Type", "application/json", "Authorization", AUTH_8X8)
                            .statusCode())
                    .isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("answered within the produce timeout, well inside 8x8's 5 s")
                    .isLessThan(Duration.ofSeconds(4));
            assertThat(h.requests("8x8", "unavailable")).isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(10))
                    .alias("not ready while the cluster does not answer")
                    .until(() -> !h.app.ready());

            kafka.start();
            await().atMost(Duration.ofSeconds(60))
                    .alias("ready once it answers again")
                    .until(h.app::ready);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> h.post(
                                            "/webhooks/8x8",
                                            second,
                                            "Content-Type",
                                            "application/json",
                                            "Authorization",
                                            AUTH_8X8)
                                    .statusCode()
                            == 200);
            assertThat(h.records("8x8"))
                    .extracting(r -> ((EightByEightInbound) r.value()).getUmid())
                    .as("both messages; any extra copy is of the retried one")
                    .contains(umid(first), umid(second))
                    .containsOnly(umid(first), umid(second));
        }
    }

    private static String webhook() {
        return Samples.read("8x8-inbound-whatsapp-text.json")
                .replace(
                        "d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a11",
                        UUID.randomUUID().toString());
    }

    private static String umid(String json) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json)
                .at("/payload/umid")
                .asText();
    }
}
