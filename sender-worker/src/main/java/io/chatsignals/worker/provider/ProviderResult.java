package io.chatsignals.worker.provider;

import java.time.Duration;

/**
 * What one provider call came to, classified for the retry rules of DESIGN.md (execution rule 5).
 *
 * @param kind        success, retry (429, 5xx/8x8 2000, NXCloud -1/9001, timeouts, connection errors), re-sign (NXCloud
 *                    1004) or permanent
 * @param httpStatus  HTTP status, null when no answer came
 * @param code        provider code (8x8 error code, NXCloud code), null when none
 * @param message     provider message or the transport error
 * @param errorId     8x8 errorId, null otherwise
 * @param retryAfter  for a 429: the advised wait (Retry-After header or "try again in N second(s)"), else null
 * @param body        the response body on success (message details), else null
 */
public record ProviderResult(Kind kind, Integer httpStatus, Integer code, String message, String errorId, Duration retryAfter,
                             String body) {

    /** How the caller should go on. */
    public enum Kind { SUCCESS, RETRY, RESIGN, PERMANENT }

    public static ProviderResult success(int httpStatus, String body) {
        return new ProviderResult(Kind.SUCCESS, httpStatus, null, null, null, null, body);
    }

    public static ProviderResult transportError(Throwable error) {
        return new ProviderResult(Kind.RETRY, null, null, error.getClass().getSimpleName() + ": " + error.getMessage(), null, null, null);
    }

    /** @return whether this was a 429 (rate limited by the provider) */
    public boolean rateLimited() {
        return httpStatus != null && httpStatus == 429;
    }
}
