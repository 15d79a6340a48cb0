package io.chatsignals.devstack.run.traffic;

import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
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
 * Posts generated webhooks to an ingress as the providers do (docs/configuration.md, "ingress"), each addressed and authorized or
 * signed by its provider's fixture ({@link ProviderFixture.WebhookTraffic#address}). Asynchronous; answers other than
 * 200 are counted ({@link #refused()}), never retried (a provider would retry; the traffic does not).
 */
public final class IngressPoster implements TrafficGenerator.WebhookPoster {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param baseUrl the ingress's webhook listener, e.g. {@code http://127.0.0.1:8088}
     */
    public IngressPoster(String baseUrl) {
        this.baseUrl = URI.create(baseUrl);
    }

    @Override
    public void post(SpecificRecord first, String json) {
        send(ProviderSpecs.ofInbound(first).orElseThrow().provider(), json).thenAccept(status -> {
            if (status != 200) {
                refused.incrementAndGet();
            }
        });
    }

    /**
     * Posts one webhook as its provider does (authorized or signed).
     *
     * @return the HTTP status of the answer, 0 when none came (connection refused or reset, 30 s without an answer)
     * @throws IllegalArgumentException for a provider without a webhook
     */
    public CompletableFuture<Integer> send(Provider provider, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Fixtures.of(provider)
                .webhook()
                .orElseThrow(() -> new IllegalArgumentException(provider + " has no webhook"))
                .address(request, baseUrl, body);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> e != null ? 0 : r.statusCode());
    }

    /** @return webhooks not answered 200 (or not answered at all) so far */
    public long refused() {
        return refused.get();
    }
}
