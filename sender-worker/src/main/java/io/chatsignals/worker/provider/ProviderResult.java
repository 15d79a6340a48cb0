package io.chatsignals.worker.provider;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * What one provider call came to, classified for the retry rules of docs/design.md (execution rule 5).
 *
 * @param kind        success, retry (429, 5xx, a provider's busy codes, timeouts, connection errors), re-sign (the
 *                    provider refused a signature or token it will take again once renewed) or permanent; each
 *                    provider's codes and what they become: docs/providers/<key>.md
 * @param httpStatus  HTTP status, null when no answer came
 * @param code        the provider's numeric code, null when none (a code given as text is in the message)
 * @param message     provider message or the transport error
 * @param errorId     the provider's error id for the answer, null when it gives none
 * @param retryAfter  for a 429: the advised wait (Retry-After header or "try again in N second(s)"), else null
 * @param body        the response body on success (message details), else null
 * @param limitScope  for a rate-limit answer, what the provider limited: the account's operation (a 429, unless said
 *                    otherwise) or one conversation only (the Cloud API's pair limit, 131056); null for none
 */
public record ProviderResult(
        Kind kind,
        Integer httpStatus,
        Integer code,
        String message,
        String errorId,
        Duration retryAfter,
        String body,
        LimitScope limitScope) {

    /** What a rate-limit answer limits. */
    public enum LimitScope {
        /** The account's operation: its token bucket pauses for the Retry-After, every conversation of it waits. */
        ACCOUNT,
        /** One conversation (one customer of the account): only its commands wait; the account's others go on. */
        CONVERSATION
    }

    /** A result that is no rate-limit answer unless its HTTP status is 429 (then of the account's operation). */
    public ProviderResult(
            Kind kind,
            Integer httpStatus,
            Integer code,
            String message,
            String errorId,
            Duration retryAfter,
            String body) {
        this(kind, httpStatus, code, message, errorId, retryAfter, body, null);
    }

    /** How the caller should go on; RESIGN: once more at once, with a fresh signature or token. */
    public enum Kind {
        SUCCESS,
        RETRY,
        RESIGN,
        PERMANENT
    }

    public static ProviderResult success(int httpStatus, String body) {
        return new ProviderResult(Kind.SUCCESS, httpStatus, null, null, null, null, body);
    }

    /** A permanent failure before or without any answer (a missing credential, an invalid path segment). */
    public static ProviderResult permanent(String message) {
        return new ProviderResult(Kind.PERMANENT, null, null, message, null, null, null);
    }

    /** A permanent failure the provider answered (other 4xx, a business error code). */
    public static ProviderResult permanent(int httpStatus, String message) {
        return new ProviderResult(Kind.PERMANENT, httpStatus, null, message, null, null, null);
    }

    /** A retryable failure (5xx, a transient code); {@code httpStatus} null when no answer came. */
    public static ProviderResult retry(Integer httpStatus, Integer code, String message) {
        return new ProviderResult(Kind.RETRY, httpStatus, code, message, null, null, null);
    }

    /** A 429: retried after {@code retryAfter}, which also pauses the account's operation. */
    public static ProviderResult rateLimited(int httpStatus, Integer code, String message, Duration retryAfter) {
        return rateLimited(httpStatus, code, message, null, retryAfter);
    }

    /** A 429 with the provider's error id. */
    public static ProviderResult rateLimited(
            int httpStatus, Integer code, String message, String errorId, Duration retryAfter) {
        return new ProviderResult(Kind.RETRY, httpStatus, code, message, errorId, retryAfter, null);
    }

    /**
     * An answer with the provider's code, of the kind its contract gives the status and code (some providers answer
     * every outcome with a code, others only their failures).
     */
    public static ProviderResult answered(Kind kind, int httpStatus, Integer code, String message, String errorId) {
        return new ProviderResult(kind, httpStatus, code, message, errorId, null, null);
    }

    /** The credentials were refused and renewed (a token the provider dropped): one immediate retry with new ones. */
    public static ProviderResult renewCredentials(int httpStatus, String message) {
        return new ProviderResult(Kind.RESIGN, httpStatus, null, message, null, null, null);
    }

    /** A transport failure with nothing known of the request (a callback that failed outside a provider client). */
    public static ProviderResult transportError(Throwable error) {
        return new ProviderResult(
                Kind.RETRY, null, null, error.getClass().getSimpleName() + ": " + error.getMessage(), null, null, null);
    }

    /**
     * Classifies a request that got no answer. A certificate that fails validation (untrusted issuer, expired, host
     * name mismatch) is a configuration error and permanent: retrying cannot change it (set
     * {@code provider.ssl.truststore.*}). A timeout says what timed out and after how long. Everything else
     * (connection refused or reset, timeouts, handshake interrupted) is retryable.
     *
     * @param request   what was sent, e.g. {@code POST /api/wa/markMessageAsRead} (no query, no secrets)
     * @param timeoutMs the request timeout in force, ms
     */
    public static ProviderResult transportError(Throwable error, String request, long timeoutMs) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException
                    || t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException) {
                return new ProviderResult(
                        Kind.PERMANENT,
                        null,
                        null,
                        "TLS: the provider's certificate failed validation for " + request
                                + " (configure provider.ssl.truststore.*): " + t.getMessage(),
                        null,
                        null,
                        null);
            }
            if (t instanceof TimeoutException) {
                return new ProviderResult(
                        Kind.RETRY,
                        null,
                        null,
                        "no answer to " + request + " within the request timeout of " + timeoutMs + " ms",
                        null,
                        null,
                        null);
            }
        }
        return new ProviderResult(
                Kind.RETRY,
                null,
                null,
                "no answer to " + request + ": " + error.getClass().getSimpleName() + ": " + error.getMessage(),
                null,
                null,
                null);
    }

    /**
     * A rate-limit answer given with another status than 429, or of one conversation only (the Cloud API answers its
     * limits with codes, HTTP 400 or 429): retried after {@code retryAfter}.
     *
     * @param scope what the provider limited
     */
    public static ProviderResult rateLimited(
            int httpStatus, Integer code, String message, String errorId, Duration retryAfter, LimitScope scope) {
        return new ProviderResult(Kind.RETRY, httpStatus, code, message, errorId, retryAfter, null, scope);
    }

    /** @return whether the provider rate-limited this call (a 429, or a rate-limit code) */
    public boolean rateLimited() {
        return limitScope != null || httpStatus != null && httpStatus == 429;
    }

    /** @return whether the provider limited only this call's conversation (the account's other conversations go on) */
    public boolean conversationLimited() {
        return limitScope == LimitScope.CONVERSATION;
    }
}
