package io.chatsignals.worker.provider;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of the wait a provider's limit answer advises (docs/design.md, execution rule 3): the
 * {@code Retry-After} header in seconds (never below 0), else the "try again in N second(s)" of the body's message (as
 * a provider's page in docs/providers/ cites it), else the caller's default (1 s unless the provider's rule says
 * otherwise, as the Cloud API's pair limit does).
 */
public final class RetryAfter {
    private static final Pattern TRY_AGAIN = Pattern.compile("try again in (\\d+) second");

    private RetryAfter() {}

    /**
     * @param header  the Retry-After header, may be null (an HTTP date is not read: the body or 1 s is used)
     * @param message the error message of the body, may be null
     */
    public static Duration parse(String header, String message) {
        return parse(header, message, Duration.ofSeconds(1));
    }

    /**
     * @param header    the Retry-After header, may be null (an HTTP date is not read)
     * @param message   the error message of the body, may be null
     * @param otherwise the wait when neither says one
     */
    public static Duration parse(String header, String message, Duration otherwise) {
        try {
            if (header != null) {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
            }
        } catch (NumberFormatException ignored) {
            // an HTTP date is possible; fall back to the body
        }
        Matcher m = TRY_AGAIN.matcher(message == null ? "" : message);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : otherwise;
    }
}
