package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A registry outage is not bad input (docs/operations.md, "Delivery"): with the registry unreachable when the worker starts —
 * neither commands can be decoded nor statuses serialized — nothing goes to the DLQ and nothing is committed; once the
 * registry is back every command runs and gets exactly one status.
 */
@KafkaStack
class RegistryOutageTest {

    @Test
    void commandsWaitForTheRegistryAndNoneIsDeadLettered(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try (WorkerHarness h = new WorkerHarness(kafka, registry, 2, c -> c.lenient = true)) {
            int port = FreePorts.pick();
            URI real = URI.create(registry.url());
            String viaProxy =
                    "http://127.0.0.1:" + port + real.getPath(); // nothing listens there yet: the registry is "down"
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            WorkerApp worker = h.startWorker(
                    Map.of("schema.registry.url", viaProxy, "schema.registry.retries", "0", "enrich.enabled", "false"),
                    meters);
            List<ChatCommand> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(read8x8("acct_" + (i % 8), "+1555900" + String.format("%04d", i), "outage-u" + i));
            }
            sent.forEach(h::send);

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            meters.get("chatsignals.partitions.paused").gauge().value() > 0);
            assertThat(worker.running())
                    .as("not ready while the status schema cannot be resolved")
                    .isFalse();
            assertThat(worker.live())
                    .as("but live: an outage is no reason to restart")
                    .isTrue();
            assertThat(h.statuses()).isEmpty();
            assertThat(dlqEnd(kafka, h)).isZero();

            HttpServer proxy = proxy(vertx, port, real);
            List<CommandStatus> all = h.awaitStatuses(sent.size(), Duration.ofSeconds(60));
            assertThat(all).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
            assertThat(all.stream().collect(Collectors.groupingBy(CommandStatus::getCommandId, Collectors.counting())))
                    .as("exactly one status per command")
                    .hasSize(sent.size())
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(dlqEnd(kafka, h)).as("nothing dead-lettered").isZero();
            await().atMost(Duration.ofSeconds(10)).until(worker::running);
            proxy.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A plain forwarding proxy to the real registry: the registry "comes back" when it listens. */
    private static HttpServer proxy(Vertx vertx, int port, URI registry) throws Exception {
        WebClient client = WebClient.create(vertx);
        return vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    var forward = client.request(
                            HttpMethod.valueOf(req.method().name()), registry.getPort(), registry.getHost(), req.uri());
                    String contentType = req.getHeader("Content-Type");
                    if (contentType != null) {
                        forward.putHeader("Content-Type", contentType);
                    }
                    forward.sendBuffer(body == null ? Buffer.buffer() : body).onComplete(ar -> {
                        if (ar.failed()) {
                            req.response().setStatusCode(502).end();
                        } else {
                            ar.result().headers().forEach(e -> req.response().putHeader(e.getKey(), e.getValue()));
                            req.response()
                                    .setStatusCode(ar.result().statusCode())
                                    .end(
                                            ar.result().bodyAsBuffer() == null
                                                    ? Buffer.buffer()
                                                    : ar.result().bodyAsBuffer());
                        }
                    });
                }))
                .listen(port, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static long dlqEnd(KafkaBroker kafka, WorkerHarness h) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicPartition tp = new TopicPartition(h.dlqTopic, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                    .all()
                    .get()
                    .get(tp)
                    .offset();
        }
    }
}
