package io.chatsignals.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The IAM token rules the worker's mark-read calls and the connector's polls share (docs/providers.md, "Token" and
 * "Errors"): which answers mean the token was refused (get a new one and retry once), when a token expires and when to
 * replace it.
 */
public final class HuaweiIam {
    /**
     * Error codes of a refused token: {@code OSM.0002} (Service Tickets: no valid token) and the API gateway's
     * {@code APIGW.0301}/{@code APIGW.0307} ("The token must be updated").
     */
    public static final Set<String> TOKEN_REFUSED_CODES = Set.of("OSM.0002", "APIGW.0301", "APIGW.0307");

    private HuaweiIam() {}

    /**
     * @param errorCode    the body's {@code error_code}, may be null or empty
     * @param errorMessage the body's {@code error_msg}, may be null or empty
     * @return whether the answer refuses the token (HTTP 401 with a token code or "token must be updated"): a new token
     *         may succeed. Any other 401 refuses the credentials or their permissions, which a new token does not change.
     */
    public static boolean tokenRefused(int httpStatus, String errorCode, String errorMessage) {
        if (httpStatus != 401) {
            return false;
        }
        String code = errorCode == null ? "" : errorCode.trim().toUpperCase(Locale.ROOT);
        String message = errorMessage == null ? "" : errorMessage.toLowerCase(Locale.ROOT);
        return TOKEN_REFUSED_CODES.contains(code) || message.contains("token must be updated");
    }

    /**
     * @param iamBody the body of IAM's 201 answer ({@code {"token":{"expires_at":"…Z",…}}}), may be null
     * @param now     when the token was received
     * @return {@code token.expires_at}, else now + {@link HuaweiCase#TOKEN_VALIDITY} (24 h, the documented validity)
     */
    public static Instant expiresAt(String iamBody, Instant now) {
        JsonNode expires = LenientJson.parse(iamBody).path("token").path("expires_at");
        if (expires.isTextual()) {
            try {
                return Instant.parse(expires.asText());
            } catch (DateTimeParseException e) {
                // not the documented form: the documented validity below
            }
        }
        return now.plus(HuaweiCase.TOKEN_VALIDITY);
    }

    /**
     * @param refreshAhead how long before expiry a token is replaced
     * @return when to replace a token received at {@code now}: {@code refreshAhead} before it expires, but never
     *         earlier than half its lifetime (so that a short-lived token is not replaced at once)
     */
    public static Instant refreshFrom(Instant expiresAt, Instant now, Duration refreshAhead) {
        Duration half = Duration.between(now, expiresAt).dividedBy(2);
        return expiresAt.minus(refreshAhead.compareTo(half) <= 0 ? refreshAhead : half);
    }
}
