package io.chatsignals.worker.provider.cloudapi;

import io.chatsignals.providers.WhatsAppCloud;
import io.chatsignals.worker.provider.GraphError;
import io.chatsignals.worker.provider.ProviderResult;
import io.chatsignals.worker.provider.ProviderResult.LimitScope;
import io.chatsignals.worker.provider.RetryAfter;
import java.time.Duration;

/**
 * Classifies a WhatsApp Cloud API answer (docs/providers.md, "Meta WhatsApp Cloud API"; Meta "WhatsApp error codes") by
 * its {@code error.code}, never by the message text: 2xx succeeds; 131056 (pair rate limit) is retried after the wait
 * and pauses only that conversation; 130429, 4 and 80007 (throughput, app and account limits) pause the phone number's
 * bucket; 131000, 131016, other 5xx and a 429 without a known code are retried; 190 (access token expired or invalid)
 * fails with a reason that says the token must be replaced; every other error (100, 131009, 133010, 10, 200, …) is
 * permanent. {@code fbtrace_id} becomes the status's {@code errorId}.
 */
final class CloudApiAnswers {
    /** The wait after a number-level rate limit that gave no Retry-After (none is documented). */
    static final Duration NUMBER_LIMIT_WAIT = Duration.ofSeconds(1);

    private CloudApiAnswers() {}

    /**
     * @param status     the HTTP status
     * @param body       the response body, may be null
     * @param retryAfter the Retry-After header, may be null
     * @param pairWait   the wait after a pair rate limit (131056) that gave no Retry-After
     */
    public static ProviderResult classify(int status, String body, String retryAfter, Duration pairWait) {
        if (status >= 200 && status < 300) {
            return ProviderResult.success(status, body);
        }
        GraphError error = GraphError.of(body);
        Integer code = error.code();
        String message = error.text();
        String traceId = error.traceId();
        if (code != null && code == WhatsAppCloud.PAIR_RATE_LIMIT) {
            return ProviderResult.rateLimited(
                    status, code, message, traceId, wait(retryAfter, pairWait), LimitScope.CONVERSATION);
        }
        if (code != null && WhatsAppCloud.NUMBER_RATE_LIMITS.contains(code) || code == null && status == 429) {
            return ProviderResult.rateLimited(
                    status, code, message, traceId, wait(retryAfter, NUMBER_LIMIT_WAIT), LimitScope.ACCOUNT);
        }
        if (code != null && code == WhatsAppCloud.TOKEN_INVALID) {
            return ProviderResult.answered(
                    ProviderResult.Kind.PERMANENT,
                    status,
                    code,
                    "the access token was refused (expired or invalid): replace whatsapp-cloud.token — " + message,
                    traceId);
        }
        boolean transientError = code != null && WhatsAppCloud.TRANSIENT.contains(code) || status >= 500;
        return ProviderResult.answered(
                transientError ? ProviderResult.Kind.RETRY : ProviderResult.Kind.PERMANENT,
                status,
                code,
                message,
                traceId);
    }

    private static Duration wait(String retryAfter, Duration otherwise) {
        return RetryAfter.parse(retryAfter, null, otherwise);
    }
}
