package io.chatsignals.worker.provider;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Provider answers written as table cells, for the tests of what follows an answer. */
public final class ProviderAnswers {
    private ProviderAnswers() {}

    /**
     * @param answer {@code OK}, {@code RESIGN} (NXCloud 1004), {@code TIMEOUT}, {@code 429:<seconds>} (a Retry-After)
     *               or an HTTP status (≥ 500 retried, else permanent)
     */
    public static ProviderResult of(String answer) {
        if (answer.equals("OK")) {
            return ProviderResult.success(200, null);
        }
        if (answer.equals("RESIGN")) {
            return ProviderResult.answered(ProviderResult.Kind.RESIGN, 200, 1004, "ts expired", null);
        }
        if (answer.equals("TIMEOUT")) {
            return ProviderResult.transportError(new TimeoutException("timed out"));
        }
        if (answer.startsWith("429:")) {
            return ProviderResult.rateLimited(
                    429, null, "slow down", Duration.ofSeconds(Long.parseLong(answer.substring(4))));
        }
        int status = Integer.parseInt(answer);
        return ProviderResult.answered(
                status >= 500 ? ProviderResult.Kind.RETRY : ProviderResult.Kind.PERMANENT,
                status,
                null,
                "HTTP " + status,
                null);
    }
}
