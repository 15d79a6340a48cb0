package io.chatsignals.devstack.simulator;

import static io.chatsignals.devstack.simulator.SimulatorFixture.ACME_KEY;
import static io.chatsignals.devstack.simulator.SimulatorFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Latency and fault injection, configured in code and changed at run time through the admin endpoint. */
class BehaviourTest {
    private final SimulatorFixture fx = new SimulatorFixture(true);

    @AfterEach
    void close() {
        fx.close();
    }

    private static final String U1 = umid(1);
    private static final String M1 = umid(1001);
    private static final String M2 = umid(1002);

    /** @return a UUID umid (8x8 umids are UUIDs) numbered n */
    private static String umid(int n) {
        return String.format("6f1c2d3e-0000-4000-8000-%012d", n);
    }

    @Test
    void faultRatesHoldWithinToleranceOverManyRequests() {
        fx.simulator.setBehaviour(new Behaviour(Latency.fixed(0), 0.20, 0.05, 0.10, 300));
        int n = 1000;
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(fx.http.sendAsync(
                    HttpRequest.newBuilder(URI.create(fx.simulator.url() + "/api/v1/subaccounts/acme_support/messages/"
                                    + umid(i) + "/read"))
                            .header("Authorization", "Bearer " + ACME_KEY)
                            .timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int serverErrors = 0;
        int noAnswer = 0;
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            try {
                HttpResponse<String> r = f.join();
                if (r.statusCode() == 500) {
                    serverErrors++;
                    assertThat(json(r).get("code").asInt()).isEqualTo(2000);
                } else if (r.statusCode() == 200) {
                    ok++;
                }
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(IOException.class);
                noAnswer++;
            }
        }
        // binomial: 4 standard deviations around each expected share
        assertThat(serverErrors / (double) n).isCloseTo(0.20, within(0.051));
        assertThat(noAnswer / (double) n).isCloseTo(0.15, within(0.046));
        assertThat(ok + serverErrors + noAnswer).isEqualTo(n);
        CallLog log = fx.simulator.calls();
        assertThat(log.rejected("8x8.read", "fault-5xx")).isEqualTo(serverErrors);
        assertThat(log.rejected("8x8.read", "fault-drop") + log.rejected("8x8.read", "fault-timeout"))
                .isEqualTo(noAnswer);
        assertThat(log.accepted("8x8.read")).isEqualTo(ok);
    }

    @Test
    void faultsCanBeLimitedToOneEndpoint() {
        fx.simulator.setBehaviour(Behaviour.none().withFaults(1.0, 0, 0).onlyFor("8x8.details"));
        assertThat(fx.eightByEight("POST", "acme_support/messages/" + U1 + "/read", ACME_KEY, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(fx.eightByEight("GET", "acme_support/messages/" + U1, ACME_KEY, null)
                        .statusCode())
                .isEqualTo(500);
    }

    @Test
    void faultsCanBeLimitedToSomeAccountsOfEitherProvider() {
        fx.simulator.setBehaviour(
                Behaviour.none().withFaults(1.0, 0, 0).onlyForAccounts("acme_support", SimulatorFixture.PHONE_NO_APP));
        assertThat(fx.eightByEight("POST", "acme_support/messages/" + U1 + "/read", ACME_KEY, null)
                        .statusCode())
                .isEqualTo(500);
        assertThat(fx.eightByEight("POST", "acme.sales/messages/" + U1 + "/read", ACME_KEY, null)
                        .statusCode())
                .isEqualTo(200);
        fx.registerNx("wamid.f1", SimulatorFixture.PHONE);
        fx.registerNx("wamid.f2", SimulatorFixture.PHONE_NO_APP);
        long ts = System.currentTimeMillis();
        assertThat(json(fx.nxcloud(
                                "markMessageAsRead",
                                ts,
                                SimulatorFixture.readBody(SimulatorFixture.PHONE, "wamid.f1"),
                                SimulatorFixture.NX_SECRET))
                        .get("code")
                        .asInt())
                .isZero();
        assertThat(fx.nxcloud(
                                "markMessageAsRead",
                                ts,
                                SimulatorFixture.readBody(SimulatorFixture.PHONE_NO_APP, "wamid.f2"),
                                SimulatorFixture.NX_SECRET)
                        .statusCode())
                .isEqualTo(500);
        assertThat(fx.simulator.calls().counts())
                .filteredOn(c -> c.reason().equals("fault-5xx"))
                .extracting(CallLog.Count::account)
                .containsExactlyInAnyOrder("acme_support", SimulatorFixture.PHONE_NO_APP);
    }

    @Test
    void fixedLatencyDelaysEveryAnswer() {
        fx.simulator.setBehaviour(Behaviour.none().withLatency(Latency.fixed(150)));
        long start = System.nanoTime();
        assertThat(fx.eightByEight("POST", "acme_support/messages/" + U1 + "/read", ACME_KEY, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void behaviourChangesAtRunTimeThroughTheAdminEndpoint() {
        HttpResponse<String> put = fx.send(
                "PUT",
                "/admin/behaviour",
                Map.of("Content-Type", "application/json"),
                "{\"latency\":{\"kind\":\"lognormal\",\"p50Ms\":1,\"p99Ms\":5},\"error5xxRate\":1.0}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(fx.simulator.behaviour().error5xxRate()).isEqualTo(1.0);
        assertThat(fx.eightByEight("POST", "acme_support/messages/" + U1 + "/read", ACME_KEY, null)
                        .statusCode())
                .isEqualTo(500);

        assertThat(fx.send("PUT", "/admin/behaviour", Map.of(), "{\"error5xxRate\":2}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(fx.send("PUT", "/admin/behaviour", Map.of(), "{\"error5xxRate\":0}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(fx.eightByEight("POST", "acme_support/messages/" + U1 + "/read", ACME_KEY, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(json(fx.send("GET", "/admin/behaviour", Map.of(), null))
                        .at("/latency/kind")
                        .asText())
                .isEqualTo("fixed");
    }

    @Test
    void logNormalLatencyHasTheConfiguredMedianAndP99() {
        Latency latency = Latency.logNormal(80, 400);
        SplittableRandom random = new SplittableRandom(7);
        long[] draws = new long[200_000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = latency.sampleMs(random);
        }
        Arrays.sort(draws);
        assertThat((double) draws[draws.length / 2]).isCloseTo(80, within(3.0));
        assertThat((double) draws[(int) (draws.length * 0.99)]).isCloseTo(400, within(20.0));
    }

    @Test
    void adminEndpointsRegisterMessagesAndReportStats() {
        try (SimulatorFixture strict = new SimulatorFixture(false)) {
            HttpResponse<String> registered = strict.send(
                    "POST",
                    "/admin/messages",
                    Map.of("Content-Type", "application/json"),
                    "[{\"provider\":\"8x8\",\"messageId\":\"" + M1
                            + "\",\"account\":\"acme_support\",\"customer\":\"+15550001111\","
                            + "\"channel\":\"whatsapp\",\"receivedAt\":\"" + Instant.now() + "\"}]");
            assertThat(json(registered).get("registered").asInt()).isEqualTo(1);
            assertThat(strict.send(
                                    "POST",
                                    "/admin/messages",
                                    Map.of(),
                                    "{\"provider\":\"telegram\",\"messageId\":\"x\",\"account\":\"a\"}")
                            .statusCode())
                    .isEqualTo(400);

            assertThat(strict.eightByEight("POST", "acme_support/messages/" + M1 + "/read", ACME_KEY, null)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(strict.eightByEight("POST", "acme_support/messages/" + M2 + "/read", ACME_KEY, null)
                            .statusCode())
                    .isEqualTo(404);

            var stats = json(strict.send("GET", "/admin/stats", Map.of(), null));
            assertThat(stats.get("accepted").asLong()).isEqualTo(1);
            assertThat(stats.get("rejected").asLong()).isEqualTo(1);
            assertThat(stats.get("counts").toString())
                    .contains("unknown-message")
                    .contains("acme_support");
            var calls = json(strict.send("GET", "/admin/calls?limit=1", Map.of(), null));
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0).get("messageId").asText()).isEqualTo(M2);
            assertThat(calls.get(0).get("httpStatus").asInt()).isEqualTo(404);

            assertThat(strict.send("POST", "/admin/reset", Map.of(), null).statusCode())
                    .isEqualTo(204);
            assertThat(strict.simulator.calls().counts()).isEmpty();
        }
    }
}
