package io.chatsignals.devstack.simulator;

import static io.chatsignals.devstack.simulator.SimulatorFixture.APP;
import static io.chatsignals.devstack.simulator.SimulatorFixture.NX_SECRET;
import static io.chatsignals.devstack.simulator.SimulatorFixture.PHONE;
import static io.chatsignals.devstack.simulator.SimulatorFixture.PHONE_NO_APP;
import static io.chatsignals.devstack.simulator.SimulatorFixture.json;
import static io.chatsignals.devstack.simulator.SimulatorFixture.readBody;
import static io.chatsignals.devstack.simulator.SimulatorFixture.typingBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.providers.NxCloudSignature;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per NXCloud contract rule (NXCloud markMessageAsRead page, docs/providers.md, docs/providers.md), over real HTTP. */
class NxCloudContractTest {
    private static final String MESSAGE = "wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQzQTU";
    private final SimulatorFixture fx = new SimulatorFixture(false);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void markReadSignedWithTheDocumentedKeyAndSecretIsAcceptedWithCodeZero() {
        // the fixture's accessKey/secret are those of the documented signature vector (NxCloudSignatureTest)
        fx.registerNx(MESSAGE, PHONE);
        HttpResponse<String> response =
                fx.nxcloud("markMessageAsRead", System.currentTimeMillis(), readBody(PHONE, MESSAGE), NX_SECRET);
        assertCode(response, 0);
        assertThat(json(response).get("data").isNull()).isTrue();
        assertThat(fx.simulator.calls().accepted("nxcloud.read")).isEqualTo(1);
    }

    @Test
    void wrongSignatureIs1003() {
        fx.registerNx(MESSAGE, PHONE);
        assertCode(
                fx.nxcloud("markMessageAsRead", System.currentTimeMillis(), readBody(PHONE, MESSAGE), "not-the-secret"),
                1003);
        assertThat(fx.simulator.calls().rejected("nxcloud.read", "bad-signature"))
                .isEqualTo(1);
    }

    @Test
    void bodyChangedAfterSigningIs1003() {
        fx.registerNx(MESSAGE, PHONE);
        Map<String, String> signed = Map.of(
                "accessKey",
                SimulatorFixture.NX_KEY,
                "ts",
                Long.toString(System.currentTimeMillis()),
                "bizType",
                "2",
                "action",
                "read");
        String sign =
                NxCloudSignature.sign(signed, readBody(PHONE, MESSAGE).getBytes(StandardCharsets.UTF_8), NX_SECRET);
        Map<String, String> headers = new HashMap<>(signed);
        headers.put("sign", sign);
        String reformatted = readBody(PHONE, MESSAGE).replace(",", ", ");
        assertCode(fx.send("POST", "/api/wa/markMessageAsRead", headers, reformatted), 1003);
    }

    @Test
    void staleTimestampIs1004() {
        fx.registerNx(MESSAGE, PHONE);
        assertCode(
                fx.nxcloud(
                        "markMessageAsRead", System.currentTimeMillis() - 61_000, readBody(PHONE, MESSAGE), NX_SECRET),
                1004);
        assertCode(
                fx.nxcloud(
                        "markMessageAsRead", System.currentTimeMillis() + 61_000, readBody(PHONE, MESSAGE), NX_SECRET),
                1004);
        assertCode(
                fx.nxcloud(
                        "markMessageAsRead", System.currentTimeMillis() - 30_000, readBody(PHONE, MESSAGE), NX_SECRET),
                0);
    }

    @Test
    void missingHeadersAre1001AndMissingBodyParametersAre9000() {
        HttpResponse<String> noHeaders = fx.send(
                "POST",
                "/api/wa/markMessageAsRead",
                Map.of("Content-Type", "application/json"),
                readBody(PHONE, MESSAGE));
        assertCode(noHeaders, 1001);
        assertThat(json(noHeaders).get("message").asText())
                .contains("accessKey")
                .contains("sign");
        HttpResponse<String> noMessageId = fx.nxcloud(
                "markMessageAsRead",
                System.currentTimeMillis(),
                "{\"business_phone\":\"" + PHONE + "\",\"messaging_product\":\"whatsapp\",\"status\":\"read\"}",
                NX_SECRET);
        assertCode(noMessageId, 9000);
        assertThat(json(noMessageId).get("message").asText()).contains("message_id");
    }

    @Test
    void unknownBusinessPhoneIs9002() {
        assertCode(
                fx.nxcloud(
                        "markMessageAsRead", System.currentTimeMillis(), readBody("8610000000000", MESSAGE), NX_SECRET),
                9002);
    }

    @Test
    void unknownMessageIdIsAParameterException() {
        assertCode(
                fx.nxcloud(
                        "markMessageAsRead", System.currentTimeMillis(), readBody(PHONE, "wamid.unknown"), NX_SECRET),
                9000);
    }

    @Test
    void typingIndicatorNeedsTheBoundApplication() {
        fx.registerNx(MESSAGE, PHONE);
        fx.registerNx("wamid.other", PHONE_NO_APP);
        assertCode(
                fx.nxcloud("typingIndicator", System.currentTimeMillis(), typingBody(APP, PHONE, MESSAGE), NX_SECRET),
                0);
        assertCode(
                fx.nxcloud(
                        "typingIndicator", System.currentTimeMillis(), typingBody("app-x", PHONE, MESSAGE), NX_SECRET),
                1002);
        assertCode(
                fx.nxcloud(
                        "typingIndicator",
                        System.currentTimeMillis(),
                        typingBody(APP, PHONE_NO_APP, "wamid.other"),
                        NX_SECRET),
                9006);
        assertCode(
                fx.nxcloud("typingIndicator", System.currentTimeMillis(), readBody(PHONE, MESSAGE), NX_SECRET), 9000);
        assertThat(fx.simulator.calls().accepted("nxcloud.typing")).isEqualTo(1);
    }

    private static void assertCode(HttpResponse<String> response, int code) {
        assertThat(response.statusCode())
                .as("NXCloud answers HTTP 200 whatever the code")
                .isEqualTo(200);
        assertThat(json(response).get("code").asInt()).as(response.body()).isEqualTo(code);
        assertThat(json(response).has("message")).isTrue();
    }
}
