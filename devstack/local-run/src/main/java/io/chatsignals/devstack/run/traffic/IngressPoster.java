package io.chatsignals.devstack.run.traffic;

import io.chatsignals.ingress.Verification;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * Posts generated webhooks to an ingress as the providers do (README, "ingress"): 8x8 with its Authorization value,
 * NXCloud with the token in its path, the Cloud API signed with {@code X-Hub-Signature-256}. Asynchronous; answers
 * other than 200 are counted ({@link #refused()}), never retried (a provider would retry; the traffic does not).
 */
public final class IngressPoster implements TrafficGenerator.WebhookPoster {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String eightByEightAuthorization;
    private final String nxCloudToken;
    private final String cloudAppSecret;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param baseUrl the ingress's webhook listener, e.g. {@code http://127.0.0.1:8088}
     */
    public IngressPoster(String baseUrl, String eightByEightAuthorization, String nxCloudToken, String cloudAppSecret) {
        this.baseUrl = baseUrl;
        this.eightByEightAuthorization = eightByEightAuthorization;
        this.nxCloudToken = nxCloudToken;
        this.cloudAppSecret = cloudAppSecret;
    }

    /** The webhook formats the ingress takes. */
    public enum Source {
        EIGHT_BY_EIGHT,
        NXCLOUD,
        WHATSAPP_CLOUD
    }

    @Override
    public void post(SpecificRecord first, String json) {
        Source source = first instanceof EightByEightInbound
                ? Source.EIGHT_BY_EIGHT
                : first instanceof NxCloudInbound ? Source.NXCLOUD : Source.WHATSAPP_CLOUD;
        send(source, json).thenAccept(status -> {
            if (status != 200) {
                refused.incrementAndGet();
            }
        });
    }

    /**
     * Posts one webhook as its provider does (authorized or signed).
     *
     * @return the HTTP status of the answer, 0 when none came (connection refused or reset, 30 s without an answer)
     */
    public CompletableFuture<Integer> send(Source source, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (source) {
            case EIGHT_BY_EIGHT -> request.uri(URI.create(baseUrl + "/webhooks/8x8"))
                    .header("Authorization", eightByEightAuthorization);
            case NXCLOUD -> request.uri(URI.create(baseUrl + "/webhooks/nxcloud/" + nxCloudToken));
            case WHATSAPP_CLOUD -> request.uri(URI.create(baseUrl + "/webhooks/whatsapp-cloud"))
                    .header("X-Hub-Signature-256", Verification.hubSignature(cloudAppSecret, body));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> e != null ? 0 : r.statusCode());
    }

    /** @return webhooks not answered 200 (or not answered at all) so far */
    public long refused() {
        return refused.get();
    }
}
