package io.chatsignals.worker.provider.rbm;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.providers.LenientJson;
import io.chatsignals.worker.provider.ProviderResult;
import io.chatsignals.worker.provider.ProviderResult.Kind;
import io.chatsignals.worker.provider.RetryAfter;

/**
 * Classifies an RBM answer (Google API error model, {@code {error: {code, message, status}}}; docs/providers/google-rbm.md)
 * on its canonical {@code status}, never the text: 2xx succeeds; {@code RESOURCE_EXHAUSTED} (429) backs off and is
 * retried; {@code UNAUTHENTICATED} (401) is retried once at once with a new token; {@code INTERNAL},
 * {@code UNAVAILABLE} and other 5xx are retried (with the same {@code eventId}: Google ignores a repeat);
 * {@code NOT_FOUND} (the number is not RCS-enabled, or unknown) fails for good with that reason; {@code
 * PERMISSION_DENIED} (agent not launched on the carrier, not a tester) and {@code INVALID_ARGUMENT} fail for good.
 */
final class RbmAnswers {
    private RbmAnswers() {}

    /**
     * @param body       the response body, may be null
     * @param retryAfter the Retry-After header, may be null
     */
    static ProviderResult classify(int status, String body, String retryAfter) {
        if (status >= 200 && status < 300) {
            return ProviderResult.success(status, body);
        }
        JsonNode error = LenientJson.parse(body).path("error");
        String canonical = error.path("status").asText("");
        String reason = (canonical.isEmpty() ? "HTTP " + status : canonical) + ": "
                + error.path("message").asText("");
        if (canonical.equals("RESOURCE_EXHAUSTED") || status == 429) {
            return ProviderResult.rateLimited(status, null, reason, RetryAfter.parse(retryAfter, null));
        }
        if (canonical.equals("UNAUTHENTICATED") || status == 401) {
            return ProviderResult.renewCredentials(status, reason);
        }
        if (canonical.equals("NOT_FOUND")) {
            return ProviderResult.answered(
                    Kind.PERMANENT, status, null, "the user is not RCS-enabled or unknown — " + reason, null);
        }
        return ProviderResult.answered(status >= 500 ? Kind.RETRY : Kind.PERMANENT, status, null, reason, null);
    }
}
