package io.chatsignals.ingress;

import static io.chatsignals.ingress.IngressHarness.APP_SECRET;
import static io.chatsignals.ingress.IngressHarness.AUTH_8X8;
import static io.chatsignals.ingress.IngressHarness.HELPDESK_TOKEN;
import static io.chatsignals.ingress.IngressHarness.INFOBIP_PASSWORD;
import static io.chatsignals.ingress.IngressHarness.INFOBIP_USER;
import static io.chatsignals.ingress.IngressHarness.MESSENGER_APP_SECRET;
import static io.chatsignals.ingress.IngressHarness.NX_TOKEN;
import static io.chatsignals.ingress.IngressHarness.RBM_CLIENT_TOKEN;
import static io.chatsignals.ingress.IngressHarness.TWILIO_AUTH_TOKEN;
import static io.chatsignals.ingress.IngressHarness.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.contract.DlqHeaders;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.providers.FormParameters;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.InfobipInbound;
import io.chatsignals.schema.MessengerInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.TwilioInbound;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.webhooks.Samples;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ingress on the embedded broker: each provider's verified webhook is written whole and keyed by conversation before
 * its 200; unverified, malformed, oversize and wrongly typed requests write nothing; an authentic webhook that cannot
 * be mapped goes to the DLQ with its reason; the activity API takes a helpdesk's events with its bearer token.
 */
@KafkaStack
class IngressTest {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private IngressHarness h;

    @BeforeEach
    void start(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new IngressHarness(
                kafka,
                registry,
                Map.of(
                        "server.max-body-bytes", "4096",
                        "webhooks.8x8.authorization.acme-eu", "Basic YWNtZS1ldQ==",
                        "webhooks.whatsapp-cloud.app-secret.brand-b", "brand-b-app-secret"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void eightByEightWithItsAuthorizationValue() throws Exception {
        String body = Samples.read("8x8-inbound-whatsapp-text.json");
        assertThat(h.post("/webhooks/8x8", body, "Content-Type", JSON).statusCode())
                .isEqualTo(401);
        assertThat(h.post("/webhooks/8x8", body, "Content-Type", JSON, "Authorization", AUTH_8X8 + "x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(h.records("8x8"))
                .as("nothing written for an unverified webhook")
                .isEmpty();
        HttpResponse<String> ok = h.post("/webhooks/8x8", body, "Content-Type", JSON, "Authorization", AUTH_8X8);
        assertThat(ok.statusCode()).isEqualTo(200);
        ConsumerRecord<String, ?> r = single(h.records("8x8"));
        assertThat(r.key()).isEqualTo("EIGHT_BY_EIGHT:acme_support:+15551234567");
        assertThat(r.value()).isInstanceOf(EightByEightInbound.class);
        assertThat(h.requests("8x8", "unauthorized")).isEqualTo(2.0);
        assertThat(h.requests("8x8", "accepted")).isEqualTo(1.0);
    }

    /** Infobip's Basic authentication: the scheme in any case, the credentials exactly. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "the configured pair|Basic YWNtZS1pbmZvYmlwOmliLXBhc3MtM2Y5Yw==|200",
                "the scheme in lower case|basic YWNtZS1pbmZvYmlwOmliLXBhc3MtM2Y5Yw==|200",
                "a wrong password|Basic YWNtZS1pbmZvYmlwOmliLXBhc3MtM2Y5ZA==|403",
                "another user|Basic b3RoZXI6aWItcGFzcy0zZjlj|403",
                "a changed byte|Basic YWNtZS1pbmZvYmlwOmliLXBhc3MtM2Y5Yx==|403",
                "no header||401",
                "a bearer token|Bearer YWNtZS1pbmZvYmlwOmliLXBhc3MtM2Y5Yw==|401"
            })
    void infobipWithItsBasicCredentials(String name, String authorization, int status) throws Exception {
        assertThat(InfobipSource.basic(INFOBIP_USER, INFOBIP_PASSWORD))
                .isEqualTo("YWNtZS1pbmZvYmlwOmliLXBhc3MtM2Y5Yw==");
        String body = Samples.read("infobip-inbound-text.json");
        HttpResponse<String> answer = authorization == null
                ? h.post("/webhooks/infobip", body, "Content-Type", JSON)
                : h.post("/webhooks/infobip", body, "Content-Type", JSON, "Authorization", authorization);
        assertThat(answer.statusCode()).isEqualTo(status);
        if (status == 200) {
            ConsumerRecord<String, ?> r = single(h.records("infobip"));
            assertThat(r.key()).isEqualTo("INFOBIP:385921004026:385916242493");
            assertThat(r.value()).isInstanceOf(InfobipInbound.class);
        } else {
            assertThat(h.records("infobip"))
                    .as("nothing written for an unverified webhook")
                    .isEmpty();
        }
    }

    @Test
    void nxCloudWithItsTokenInThePathOrAHeader() throws Exception {
        String body = Samples.read("nxcloud-inbound-anonymous-merchant-phone.json"); // two messages
        assertThat(h.post("/webhooks/nxcloud/wrong-token", body, "Content-Type", JSON)
                        .statusCode())
                .isEqualTo(403);
        assertThat(h.post("/webhooks/nxcloud", body, "Content-Type", JSON).statusCode())
                .isEqualTo(401);
        assertThat(h.post("/webhooks/nxcloud/" + NX_TOKEN, body, "Content-Type", JSON)
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.post(
                                "/webhooks/nxcloud",
                                Samples.read("nxcloud-inbound-text.json"),
                                "Content-Type",
                                JSON,
                                "X-Webhook-Token",
                                NX_TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.records("nx"))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.value()).isInstanceOf(NxCloudInbound.class))
                .allSatisfy(r -> assertThat(r.key()).startsWith("NXCLOUD:8613800000000:"));
    }

    /** Several messages in one POST are all written; a delivery of statuses only writes nothing and is answered 200. */
    @Test
    void whatsAppCloudSignedOverTheRawBytes() throws Exception {
        byte[] body = Samples.read("whatsapp-cloud-inbound-group.json").getBytes(StandardCharsets.UTF_8);
        String signature = Verification.hubSignature(APP_SECRET, body);
        byte[] changed = body.clone();
        changed[40] ^= 0x01;
        assertThat(h.post("/webhooks/whatsapp-cloud", body, "Content-Type", JSON)
                        .statusCode())
                .isEqualTo(401);
        assertThat(h.post("/webhooks/whatsapp-cloud", changed, "Content-Type", JSON, "X-Hub-Signature-256", signature)
                        .statusCode())
                .isEqualTo(403);
        assertThat(postSigned("/webhooks/whatsapp-cloud", body, APP_SECRET + "x"))
                .isEqualTo(403);
        assertThat(h.records("cloud")).isEmpty();
        assertThat(h.post("/webhooks/whatsapp-cloud", body, "Content-Type", JSON, "X-Hub-Signature-256", signature)
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.records("cloud"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.value()).isInstanceOf(WhatsAppCloudInbound.class))
                .allSatisfy(r -> assertThat(r.key())
                        .isEqualTo(
                                "WHATSAPP_CLOUD:106540352242922:Y2FwaV9ncm91cDoxNjUwNTU1MDAwMToxMjAzNjM0MTIzNDU2Nzg5"));

        byte[] receipts = Samples.read("whatsapp-cloud-statuses.json").getBytes(StandardCharsets.UTF_8);
        assertThat(postSigned("/webhooks/whatsapp-cloud", receipts, APP_SECRET)).isEqualTo(200);
        assertThat(h.records("cloud")).hasSize(2);
        assertThat(h.meters.get("chatsignals.ingress.receipts").counter().count())
                .isEqualTo(2.0);
    }

    /** Meta's own form of the check: the self-made value of docs/providers/messenger.md, byte for byte. */
    private static final String MESSENGER_BODY =
            "{\"object\":\"page\",\"entry\":[{\"id\":\"111\",\"time\":1458692752478,"
                    + "\"messaging\":[{\"sender\":{\"id\":\"222\"},\"recipient\":{\"id\":\"111\"},\"timestamp\":1458692752478,"
                    + "\"message\":{\"mid\":\"m_1\",\"text\":\"hi\"}}]}]}";

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "the real signature|sha256=e23575e7e37f8f005fc48b8e22e29c4a1c947ed0207f22094543de149d55d358|200",
                "upper-case hex|sha256=E23575E7E37F8F005FC48B8E22E29C4A1C947ED0207F22094543DE149D55D358|200",
                "a changed byte|sha256=e23575e7e37f8f005fc48b8e22e29c4a1c947ed0207f22094543de149d55d359|403",
                "another app's secret|sha256=0000000000000000000000000000000000000000000000000000000000000000|403",
                "no sha256= prefix|e23575e7e37f8f005fc48b8e22e29c4a1c947ed0207f22094543de149d55d358|403",
                "no header||401"
            })
    void messengerSignedWithTheAppSecret(String name, String signature, int status) throws Exception {
        assertThat(Verification.hubSignature(MESSENGER_APP_SECRET, MESSENGER_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=e23575e7e37f8f005fc48b8e22e29c4a1c947ed0207f22094543de149d55d358");
        HttpResponse<String> answer = signature == null
                ? h.post("/webhooks/messenger", MESSENGER_BODY, "Content-Type", JSON)
                : h.post("/webhooks/messenger", MESSENGER_BODY, "Content-Type", JSON, "X-Hub-Signature-256", signature);
        assertThat(answer.statusCode()).isEqualTo(status);
        if (status == 200) {
            ConsumerRecord<String, ?> r = single(h.records("messenger"));
            assertThat(r.key()).isEqualTo("MESSENGER:111:222");
            assertThat(((MessengerInbound) r.value()).getChannel()).isEqualTo("messenger");
        } else {
            assertThat(h.records("messenger")).isEmpty();
        }
    }

    /** An echo of the business's own message and a read watermark are authentic but no messages: counted, not written. */
    @Test
    void messengerEchoesAndReadsAreCountedNotWritten() throws Exception {
        byte[] body = ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"9\",\"time\":1,\"messaging\":["
                        + "{\"sender\":{\"id\":\"9\"},\"recipient\":{\"id\":\"5\"},\"timestamp\":1,"
                        + "\"message\":{\"mid\":\"m_e\",\"is_echo\":true}},"
                        + "{\"sender\":{\"id\":\"5\"},\"recipient\":{\"id\":\"9\"},\"timestamp\":1,"
                        + "\"read\":{\"mid\":\"m_e\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(postSigned("/webhooks/messenger", body, MESSENGER_APP_SECRET))
                .isEqualTo(200);
        assertThat(h.records("messenger")).isEmpty();
        assertThat(h.meters.get("chatsignals.ingress.receipts").counter().count())
                .isEqualTo(2.0);
        HttpResponse<String> handshake =
                h.get("/webhooks/messenger?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=42");
        assertThat(handshake.body()).isEqualTo("42");
    }

    private static final String TWILIO_FORM = Samples.read("twilio-inbound-whatsapp.form");

    /**
     * Twilio's form POST, signed over the URL it called and the sorted parameters: a real signature is written and
     * answered with empty TwiML; a changed byte, another token, no header write nothing.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "the real signature|200",
                "a changed byte|403",
                "another auth token|403",
                "no header|401",
                "signed for another URL|403"
            })
    void twilioSignedOverTheUrlAndItsParameters(String name, int status) throws Exception {
        String url = "http://127.0.0.1:" + h.app.port() + "/webhooks/twilio";
        byte[] body = TWILIO_FORM.getBytes(StandardCharsets.UTF_8);
        String signature = TwilioSignature.sign(
                name.equals("another auth token") ? "not-the-token" : TWILIO_AUTH_TOKEN,
                name.equals("signed for another URL") ? url + "/other" : url,
                FormParameters.parse(body));
        byte[] sent = name.equals("a changed byte")
                ? TWILIO_FORM.replace("15551234567", "15551234568").getBytes(StandardCharsets.UTF_8)
                : body;
        HttpResponse<String> answer = name.equals("no header")
                ? h.post("/webhooks/twilio", sent, "Content-Type", FORM)
                : h.post("/webhooks/twilio", sent, "Content-Type", FORM, "X-Twilio-Signature", signature);
        assertThat(answer.statusCode()).isEqualTo(status);
        if (status == 200) {
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/xml");
            assertThat(answer.body()).isEqualTo(TwilioSource.TWIML);
            ConsumerRecord<String, ?> r = single(h.records("twilio"));
            assertThat(r.key()).isEqualTo("TWILIO:AC0a1b2c3d4e5f60718293a4b5c6d7e8f9:whatsapp:+15551234567");
            assertThat(((TwilioInbound) r.value()).getMessageSid()).isEqualTo("SM5e6b1d3c2b9a4f7e8d0c1b2a3f4e5d6c");
        } else {
            assertThat(h.records("twilio")).isEmpty();
        }
    }

    /** Behind a load balancer: the tenant's configured public URL is what Twilio signed, not the URL received. */
    @Test
    void twilioBehindALoadBalancerIsVerifiedOnThePublicUrl() throws Exception {
        byte[] body = TWILIO_FORM.getBytes(StandardCharsets.UTF_8);
        String publicSignature = TwilioSignature.sign(
                "brand-t-token", "https://hooks.example.com/twilio/brand-t", FormParameters.parse(body));
        String internalSignature = TwilioSignature.sign(
                "brand-t-token",
                "http://127.0.0.1:" + h.app.port() + "/webhooks/twilio/brand-t",
                FormParameters.parse(body));
        assertThat(h.post(
                                "/webhooks/twilio/brand-t",
                                body,
                                "Content-Type",
                                FORM,
                                "X-Twilio-Signature",
                                internalSignature)
                        .statusCode())
                .isEqualTo(403);
        assertThat(h.post("/webhooks/twilio/brand-t", body, "Content-Type", FORM, "X-Twilio-Signature", publicSignature)
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.records("twilio")).hasSize(1);
    }

    private static final String RBM_SIGNATURE =
            "VnaELDxDQaoBdDh9ZhIdsn1ynZJ1eUqO/lsQj3zf0Pp0FaTpeB/LNte4oVpgu1rznlYx+UFQ5iye3LNqbzefMQ==";

    /** Google's signature is over the decoded message.data: the self-made check value, a changed byte, none, another token. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {"the real signature|200", "a changed byte|403", "no header|401", "another client token|403"})
    void googleRbmSignedOverTheDecodedData(String name, int status) throws Exception {
        String body = Samples.read("google-rbm-inbound-text.json");
        String signature =
                switch (name) {
                    case "a changed byte" -> RBM_SIGNATURE.replace("VnaE", "VnaF");
                    case "another client token" -> GoogleRbmSignature.sign(
                            "another-token", "x".getBytes(StandardCharsets.UTF_8));
                    default -> RBM_SIGNATURE;
                };
        HttpResponse<String> answer = name.equals("no header")
                ? h.post("/webhooks/google-rbm", body, "Content-Type", JSON)
                : h.post("/webhooks/google-rbm", body, "Content-Type", JSON, "X-Goog-Signature", signature);
        assertThat(answer.statusCode()).isEqualTo(status);
        if (status == 200) {
            ConsumerRecord<String, ?> r = single(h.records("google-rbm"));
            assertThat(r.key()).isEqualTo("GOOGLE_RBM:welcome-bot:+12223334444");
        } else {
            assertThat(h.records("google-rbm")).isEmpty();
        }
    }

    /** The registration handshake answers the secret, as plain text, only for our client token; nothing is written. */
    @Test
    void googleRbmRegistrationAnswersTheSecretForOurClientToken() throws Exception {
        HttpResponse<String> ok = h.post(
                "/webhooks/google-rbm",
                "{\"clientToken\":\"" + RBM_CLIENT_TOKEN + "\",\"secret\":\"1234567890\"}",
                "Content-Type",
                JSON);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1234567890");
        assertThat(h.post(
                                "/webhooks/google-rbm",
                                "{\"clientToken\":\"guess\",\"secret\":\"1234567890\"}",
                                "Content-Type",
                                JSON)
                        .statusCode())
                .isEqualTo(403);
        assertThat(h.records("google-rbm")).isEmpty();
    }

    /** Several accounts with their own secrets: one path per tenant, each verified with its own secret only. */
    @Test
    void aTenantsWebhooksAreVerifiedWithItsOwnSecret() throws Exception {
        String body = Samples.read("8x8-inbound-whatsapp-text.json");
        assertThat(h.post("/webhooks/8x8/acme-eu", body, "Content-Type", JSON, "Authorization", "Basic YWNtZS1ldQ==")
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.post("/webhooks/8x8/acme-eu", body, "Content-Type", JSON, "Authorization", AUTH_8X8)
                        .statusCode())
                .as("the default secret does not open a tenant's path")
                .isEqualTo(403);
        assertThat(h.post("/webhooks/8x8", body, "Content-Type", JSON, "Authorization", "Basic YWNtZS1ldQ==")
                        .statusCode())
                .isEqualTo(403);
        assertThat(h.post("/webhooks/8x8/nobody", body, "Content-Type", JSON, "Authorization", AUTH_8X8)
                        .statusCode())
                .isEqualTo(404);
        byte[] cloud = Samples.read("whatsapp-cloud-inbound-text.json").getBytes(StandardCharsets.UTF_8);
        assertThat(postSigned("/webhooks/whatsapp-cloud/brand-b", cloud, "brand-b-app-secret"))
                .isEqualTo(200);
        assertThat(postSigned("/webhooks/whatsapp-cloud/brand-b", cloud, APP_SECRET))
                .isEqualTo(403);
        assertThat(h.records("8x8")).hasSize(1);
        assertThat(h.records("cloud")).hasSize(2);
    }

    @Test
    void theHandshakeAnswersTheChallengeOnlyForTheVerifyToken() throws Exception {
        HttpResponse<String> ok = h.get("/webhooks/whatsapp-cloud?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(h.get("/webhooks/whatsapp-cloud?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")
                        .statusCode())
                .isEqualTo(403);
    }

    /** Authentic but unmappable: its raw bytes go to the DLQ with the reason, and the answer is 200 (no retry). */
    @Test
    void anAuthenticWebhookThatCannotBeMappedIsDeadLettered() throws Exception {
        String body = Samples.read("8x8-inbound-whatsapp-text.json").replace("\"umid\"", "\"uid\"");
        assertThat(h.post("/webhooks/8x8", body, "Content-Type", JSON, "Authorization", AUTH_8X8)
                        .statusCode())
                .isEqualTo(200);
        ConsumerRecord<String, byte[]> dead = single(h.raw("dlq"));
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(new String(dead.headers().lastHeader(DlqHeaders.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("payload.umid is required");
        assertThat(h.records("8x8")).isEmpty();
        assertThat(h.requests("8x8", "dead_lettered")).isEqualTo(1.0);
    }

    /** Client errors are answered 4xx and write nothing. */
    @Test
    void notJsonWrongTypeAndOversizeWriteNothing() throws Exception {
        assertThat(h.post("/webhooks/8x8", "{not json", "Content-Type", JSON, "Authorization", AUTH_8X8)
                        .statusCode())
                .isEqualTo(400);
        assertThat(h.post(
                                "/webhooks/8x8",
                                Samples.read("8x8-inbound-whatsapp-text.json"),
                                "Content-Type",
                                "text/plain",
                                "Authorization",
                                AUTH_8X8)
                        .statusCode())
                .isEqualTo(415);
        String big = "{\"pad\":\"" + "x".repeat(5000) + "\"}";
        assertThat(h.post("/webhooks/8x8", big, "Content-Type", JSON, "Authorization", AUTH_8X8)
                        .statusCode())
                .isEqualTo(413);
        assertThat(h.records("8x8")).isEmpty();
        assertThat(h.raw("dlq")).isEmpty();
        assertThat(h.requests("8x8", "rejected")).isEqualTo(3.0);
    }

    @Test
    void theActivityApiTakesAHelpdesksEventsWithItsBearerToken() throws Exception {
        String events =
                "[{\"provider\":\"whatsapp-cloud\",\"account\":\"106540352242922\",\"customer\":\"16505551234\","
                        + "\"kind\":\"AGENT_TYPING\",\"actor\":\"agent-7\"},"
                        + "{\"provider\":\"EIGHT_BY_EIGHT\",\"account\":\"acme_support\",\"customer\":\"+15551234567\","
                        + "\"kind\":\"agent_viewed\",\"occurredAt\":\"2026-12-06T10:00:00Z\"}]";
        assertThat(h.post("/v1/activity", events, "Content-Type", JSON).statusCode())
                .isEqualTo(401);
        assertThat(h.post("/v1/activity", events, "Content-Type", JSON, "Authorization", "Bearer nope")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = h.post(
                "/v1/activity",
                events.replace("AGENT_TYPING", "TYPING"),
                "Content-Type",
                JSON,
                "Authorization",
                "Bearer " + HELPDESK_TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("[0].kind 'TYPING'");
        assertThat(h.records("activity")).isEmpty();
        assertThat(h.post("/v1/activity", events, "Content-Type", JSON, "Authorization", "Bearer " + HELPDESK_TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(h.records("activity"))
                .extracting(r -> ((ConversationActivity) r.value()).getKind())
                .containsExactlyInAnyOrder(ActivityKind.AGENT_TYPING, ActivityKind.AGENT_VIEWED);
        assertThat(h.records("activity"))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(
                        "WHATSAPP_CLOUD:106540352242922:16505551234", "EIGHT_BY_EIGHT:acme_support:+15551234567");
    }

    /** @return the status of a Cloud API webhook POST signed with {@code appSecret} as Meta signs (X-Hub-Signature-256) */
    private int postSigned(String path, byte[] body, String appSecret) throws Exception {
        return h.post(
                        path,
                        body,
                        "Content-Type",
                        JSON,
                        "X-Hub-Signature-256",
                        Verification.hubSignature(appSecret, body))
                .statusCode();
    }

    private static <V> ConsumerRecord<String, V> single(java.util.List<ConsumerRecord<String, V>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
