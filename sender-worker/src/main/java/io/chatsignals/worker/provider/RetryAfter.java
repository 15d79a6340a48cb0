package io.chatsignals.worker.provider;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wait a 429 advises (docs/design.md, execution rule 3): the {@code Retry-After} header in seconds, else the
 * "try again in N second(s)" of the body's message (8x8 "Retrieve message details", API rate limiting), else 1 s.
 */
public final class RetryAfter {
    private static final Pattern TRY_AGAIN = Pattern.compile("try again in (\\d+) second");

    private RetryAfter() {}

    /**
     * @param header  the Retry-After header, may be null (an HTTP date is not read: the body or 1 s is used)
     * @param message the error message of the body, may be null
     */
    public static Duration parse(String header, String message) {
        try {
            if (header != null) {
                return Duration.ofSeconds(Long.parseLong(header.trim()));
            }
        } catch (NumberFormatException ignored) {
            // an HTTP date is possible; fall back to the body
        }
        Matcher m = TRY_AGAIN.matcher(message == null ? "" : message);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : Duration.ofSeconds(1);
    }
}
