package io.chatsignals.devstack.simulator;

import static io.chatsignals.devstack.simulator.SimulatorFixture.ACME_KEY;
import static io.chatsignals.devstack.simulator.SimulatorFixture.OTHER_KEY;
import static io.chatsignals.devstack.simulator.SimulatorFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per 8x8 contract rule (8x8 reference pages, docs/providers.md, docs/providers.md), over real HTTP. */
class EightByEightContractTest {
    private final SimulatorFixture fx = new SimulatorFixture(false);
    private final String umid = UUID.randomUUID().toString();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void markReadOfAKnownWhatsAppMessageIsAccepted() {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now(), 1);
        HttpResponse<String> response =
                fx.eightByEight("POST", "acme_support/messages/" + umid + "/read", ACME_KEY, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fx.simulator.calls().accepted("8x8.read")).isEqualTo(1);
    }

    @Test
    void missingBearerKeyIs401Code1200() {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now(), 1);
        HttpResponse<String> response = fx.eightByEight("POST", "acme_support/messages/" + umid + "/read", null, null);
        assertEnvelope(response, 401, 1200);
        assertThat(fx.simulator.calls().rejected("8x8.read", "unauthenticated")).isEqualTo(1);
        assertEnvelope(
                fx.eightByEight("POST", "acme_support/messages/" + umid + "/read", "wrong-key", null), 401, 1200);
    }

    @Test
    void subAccountIdBreakingTheRegexIs400Code1001() {
        assertEnvelope(fx.eightByEight("POST", "ab/messages/" + umid + "/read", ACME_KEY, null), 400, 1001);
        assertEnvelope(fx.eightByEight("POST", "acme%24support/messages/" + umid + "/read", ACME_KEY, null), 400, 1001);
        assertThat(fx.simulator.calls().rejected("8x8.read", "invalid-subaccount"))
                .isEqualTo(2);
    }

    @Test
    void anotherCustomersSubAccountIs400Code1001() {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now(), 1);
        HttpResponse<String> response =
                fx.eightByEight("POST", "acme_support/messages/" + umid + "/read", OTHER_KEY, null);
        assertEnvelope(response, 400, 1001);
        assertThat(json(response).get("message").asText()).contains("doesn't belongs to your account");
    }

    @Test
    void unknownUmidIs404Envelope() {
        assertEnvelope(fx.eightByEight("POST", "acme_support/messages/" + umid + "/read", ACME_KEY, null), 404, 1300);
        fx.register8x8(umid, "acme.sales", "whatsapp", Instant.now(), 1);
        assertEnvelope(fx.eightByEight("POST", "acme_support/messages/" + umid + "/read", ACME_KEY, null), 404, 1300);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "acme_support/messages/../read",
                "acme_support/messages/..",
                "acme_support/messages/%2e%2e",
                "acme_support/messages/./read",
                "../../admin/stats"
            })
    void pathWithADotSegmentIsRefusedBeforeAnyNormalisation(String path) {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now(), 1);
        HttpResponse<String> response = fx.eightByEight(path.endsWith("read") ? "POST" : "GET", path, ACME_KEY, null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("dot segments are not allowed");
        assertThat(fx.simulator.calls().rejected(DotSegments.ENDPOINT, "dot-segment"))
                .isEqualTo(1);
        assertThat(fx.simulator.calls().accepted("8x8.details")
                        + fx.simulator.calls().accepted("8x8.read"))
                .isZero();
    }

    @Test
    void umidThatIsNotAUuidIs400Code1000() {
        assertEnvelope(fx.eightByEight("POST", "acme_support/messages/m-1/read", ACME_KEY, null), 400, 1000);
        assertEnvelope(fx.eightByEight("GET", "acme_support/messages/m-1", ACME_KEY, null), 400, 1000);
        assertEnvelope(fx.eightByEight("POST", "acme_support/events", ACME_KEY, typing("whatsapp", "m-1")), 400, 1000);
        assertThat(fx.simulator.calls().rejected("8x8.read", "invalid-umid")).isEqualTo(1);
    }

    @Test
    void markReadWithoutContentLengthIs411() throws Exception {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now(), 1);
        try (Socket socket = new Socket("127.0.0.1", fx.simulator.port())) {
            socket.setSoTimeout(10_000);
            String request =
                    "POST /api/v1/subaccounts/acme_support/messages/" + umid + "/read HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + ACME_KEY + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 411");
        }
        assertThat(fx.simulator.calls().rejected("8x8.read", "length-required")).isEqualTo(1);
    }

    @Test
    void markReadIsForWhatsAppOnly() {
        fx.register8x8(umid, "acme_support", "rcs", Instant.now(), 1);
        assertEnvelope(fx.eightByEight("POST", "acme_support/messages/" + umid + "/read", ACME_KEY, null), 400, 1000);
    }

    @Test
    void typingInsideTwoHoursIsAcceptedAndOutsideRejected() {
        String young = UUID.randomUUID().toString();
        fx.register8x8(young, "acme_support", "whatsapp", Instant.now().minus(Duration.ofMinutes(119)), 1);
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now().minus(Duration.ofMinutes(121)), 1);

        assertThat(fx.eightByEight("POST", "acme_support/events", ACME_KEY, typing("whatsapp", young))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> old = fx.eightByEight("POST", "acme_support/events", ACME_KEY, typing("whatsapp", umid));
        assertEnvelope(old, 400, 1300);
        assertThat(json(old).get("message").asText()).contains("within the last 2 hours");
        assertThat(fx.simulator.calls().rejected("8x8.typing", "outside-typing-window"))
                .isEqualTo(1);
    }

    @Test
    void typingBodyIsValidated() {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now(), 1);
        assertEnvelope(fx.eightByEight("POST", "acme_support/events", ACME_KEY, typing("sms", umid)), 400, 1000);
        assertEnvelope(
                fx.eightByEight(
                        "POST",
                        "acme_support/events",
                        ACME_KEY,
                        "{\"channel\":\"whatsapp\",\"eventType\":\"seen\",\"umid\":\"" + umid + "\"}"),
                400,
                1000);
        assertEnvelope(
                fx.eightByEight(
                        "POST", "acme_support/events", ACME_KEY, "{\"channel\":\"whatsapp\",\"eventType\":\"typing\"}"),
                400,
                1000);
        assertEnvelope(fx.eightByEight("POST", "acme_support/events", ACME_KEY, "not json"), 400, 1000);
        assertEnvelope(fx.eightByEight("POST", "acme_support/events", ACME_KEY, typing("rcs", umid)), 400, 1000);
    }

    @Test
    void detailsReturnMaskedMultiStepRecords() {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.parse("2026-11-21T10:00:00Z"), 2);
        HttpResponse<String> response = fx.eightByEight("GET", "acme_support/messages/" + umid, ACME_KEY, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        assertThat(data).hasSize(2);
        JsonNode last = data.get(1);
        assertThat(last.get("step").asInt()).isEqualTo(2);
        assertThat(last.get("umid").asText()).isEqualTo(umid);
        assertThat(last.get("channel").asText()).isEqualTo("WhatsApp");
        assertThat(last.get("content").asText()).isEqualTo("**MASKED**");
        assertThat(last.at("/user/msisdn").asText()).isEqualTo("+1555123xxxx");
        assertThat(last.at("/status/state").asText()).isEqualTo("delivered");
        assertThat(last.get("createdAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(data.get(0).get("step").asInt()).isEqualTo(1);
    }

    @Test
    void detailsAreLimitedToOneRequestPerSecondPerSubaccount() {
        fx.register8x8(umid, "acme_support", "whatsapp", Instant.now(), 1);
        String other = UUID.randomUUID().toString();
        fx.register8x8(other, "acme.sales", "whatsapp", Instant.now(), 1);

        assertThat(fx.eightByEight("GET", "acme_support/messages/" + umid, ACME_KEY, null)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> second = fx.eightByEight("GET", "acme_support/messages/" + umid, ACME_KEY, null);
        assertEnvelope(second, 429, 429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(second).get("message").asText()).isEqualTo("Quota exceeded. Please try again in 1 second(s).");
        // another subaccount has its own budget
        assertThat(fx.eightByEight("GET", "acme.sales/messages/" + other, ACME_KEY, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(fx.simulator.calls().rejected("8x8.details", "rate-limited")).isEqualTo(1);
    }

    @Test
    void lenientModeAcceptsUnknownUmids() {
        try (SimulatorFixture lenient = new SimulatorFixture(true)) {
            assertThat(lenient.eightByEight("POST", "acme_support/messages/" + umid + "/read", ACME_KEY, null)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(lenient.eightByEight("POST", "acme_support/events", ACME_KEY, typing("whatsapp", umid))
                            .statusCode())
                    .isEqualTo(200);
            // authentication still applies
            assertEnvelope(
                    lenient.eightByEight("POST", "acme_support/messages/" + umid + "/read", null, null), 401, 1200);
        }
    }

    private static String typing(String channel, String umid) {
        return "{\"channel\":\"" + channel + "\",\"eventType\":\"typing\",\"umid\":\"" + umid + "\"}";
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, int code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("code").asInt()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(UUID.fromString(body.get("errorId").asText())).isNotNull();
        assertThat(Instant.parse(body.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
    }
}
