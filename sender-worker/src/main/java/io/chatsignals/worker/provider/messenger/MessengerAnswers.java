package io.chatsignals.worker.provider.messenger;

import io.chatsignals.worker.provider.GraphError;
import io.chatsignals.worker.provider.ProviderResult;
import io.chatsignals.worker.provider.ProviderResult.Kind;
import io.chatsignals.worker.provider.ProviderResult.LimitScope;
import io.chatsignals.worker.provider.RetryAfter;
import java.time.Duration;
import java.util.Set;

/**
 * Classifies a Send API answer to a sender action (docs/providers/messenger.md, "Errors"; Meta "Messenger Platform error
 * codes", "Send API error codes") on its Graph {@code code} and {@code error_subcode}, never the text: 2xx succeeds; 4,
 * 32 and 613 (application, Page and API rate limits) and a 429 without a code pause the account's bucket and are
 * retried; 2 and 1200 (temporary failures) and 5xx are retried; 190 (token invalid or expired) fails with a reason that
 * says the token must be replaced; 10 with subcode 2018278 (outside the messaging window) and 551 (the person is not
 * available) fail for good, as does every other error (100 and its subcode 2018001 no matching user, 200–299
 * permissions).
 */
final class MessengerAnswers {
    /** The wait after a rate limit that gave no Retry-After (Meta documents none for these). */
    static final Duration LIMIT_WAIT = Duration.ofSeconds(1);

    static final Set<Integer> RATE_LIMITS = Set.of(4, 32, 613);
    static final Set<Integer> TRANSIENT = Set.of(2, 1200);
    static final int TOKEN_INVALID = 190;
    static final int WINDOW_CODE = 10;
    static final int WINDOW_SUBCODE = 2018278;
    static final int UNAVAILABLE = 551;

    private MessengerAnswers() {}

    /**
     * @param status     the HTTP status
     * @param body       the response body, may be null
     * @param retryAfter the Retry-After header, may be null
     */
    static ProviderResult classify(int status, String body, String retryAfter) {
        if (status >= 200 && status < 300) {
            return ProviderResult.success(status, body);
        }
        GraphError e = GraphError.of(body);
        Integer code = e.code();
        if (code != null && RATE_LIMITS.contains(code) || code == null && status == 429) {
            return ProviderResult.rateLimited(
                    status,
                    code,
                    e.text(),
                    e.traceId(),
                    RetryAfter.parse(retryAfter, null, LIMIT_WAIT),
                    LimitScope.ACCOUNT);
        }
        if (e.is(TOKEN_INVALID)) {
            return ProviderResult.answered(
                    Kind.PERMANENT,
                    status,
                    code,
                    "the access token was refused (expired or invalid): replace messenger.token — " + e.text(),
                    e.traceId());
        }
        if (e.is(WINDOW_CODE) && e.subcode() != null && e.subcode() == WINDOW_SUBCODE) {
            return ProviderResult.answered(
                    Kind.PERMANENT,
                    status,
                    code,
                    "outside the messaging window: nothing more until the customer writes again — " + e.text(),
                    e.traceId());
        }
        if (e.is(UNAVAILABLE)) {
            return ProviderResult.answered(
                    Kind.PERMANENT,
                    status,
                    code,
                    "the person is not available (messages turned off, blocked or deactivated) — " + e.text(),
                    e.traceId());
        }
        boolean transientError = code != null && TRANSIENT.contains(code) || status >= 500;
        return ProviderResult.answered(
                transientError ? Kind.RETRY : Kind.PERMANENT, status, code, e.text(), e.traceId());
    }
}
