package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.providers.NxCloudSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A simulator with two 8x8 keys and one NXCloud key, plus HTTP helpers that speak each provider's protocol. */
final class SimulatorFixture implements AutoCloseable {
    static final String ACME_KEY = "key-acme-7f3a";
    static final String OTHER_KEY = "key-other-91bc";
    static final String NX_KEY = "fme2na3kdi3ki";
    static final String NX_SECRET = "abciiiko2k3";
    static final String PHONE = "8613800000000";
    static final String PHONE_NO_APP = "8613800000001";
    static final String APP = "app-1";
    static final ObjectMapper JSON = new ObjectMapper();

    final ProviderSimulator simulator;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    SimulatorFixture(boolean lenient) {
        this(lenient, config -> {});
    }

    SimulatorFixture(boolean lenient, Consumer<SimulatorConfig> customize) {
        SimulatorConfig config = new SimulatorConfig();
        config.lenient = lenient;
        config.eightByEight.apiKeys =
                Map.of(ACME_KEY, List.of("acme_support", "acme.sales"), OTHER_KEY, List.of("other_co"));
        SimulatorConfig.Credential credential = SimulatorConfig.Credential.of(NX_SECRET);
        credential.businessPhones = List.of(PHONE, PHONE_NO_APP);
        credential.appKeys = Map.of(PHONE, APP);
        config.nxcloud.credentials = Map.of(NX_KEY, credential);
        customize.accept(config);
        simulator = ProviderSimulator.start(config);
    }

    void register8x8(String umid, String account, String channel, Instant receivedAt, int steps) {
        simulator
                .messages()
                .register(new KnownMessages.Message("8x8", umid, account, "+15551234567", channel, receivedAt, steps));
    }

    void registerNx(String messageId, String phone) {
        simulator
                .messages()
                .register(new KnownMessages.Message(
                        "nxcloud", messageId, phone, "15551234567", "whatsapp", Instant.now(), 1));
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.url() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> eightByEight(String method, String path, String apiKey, String body) {
        return send(
                method,
                "/api/v1/subaccounts/" + path,
                apiKey == null
                        ? Map.of("Content-Type", "application/json")
                        : Map.of("Authorization", "Bearer " + apiKey, "Content-Type", "application/json"),
                body);
    }

    /** Signs and posts an NXCloud call with the given ts (ms since epoch) and body. */
    HttpResponse<String> nxcloud(String endpoint, long ts, String body, String secret) {
        Map<String, String> signed =
                Map.of("accessKey", NX_KEY, "ts", Long.toString(ts), "bizType", "2", "action", "read");
        String sign = NxCloudSignature.sign(signed, body.getBytes(StandardCharsets.UTF_8), secret);
        Map<String, String> headers = new HashMap<>(signed);
        headers.put("sign", sign);
        headers.put("Content-Type", "application/json");
        return send("POST", "/api/wa/" + endpoint, headers, body);
    }

    static String readBody(String phone, String messageId) {
        return "{\"business_phone\":\"" + phone + "\",\"messaging_product\":\"whatsapp\",\"message_id\":\"" + messageId
                + "\",\"status\":\"read\"}";
    }

    static String typingBody(String appKey, String phone, String messageId) {
        return "{\"appkey\":\"" + appKey + "\",\"messaging_product\":\"whatsapp\",\"business_phone\":\"" + phone
                + "\",\"status\":\"read\",\"message_id\":\"" + messageId
                + "\",\"typing_indicator\":{\"type\":\"text\"}}";
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
