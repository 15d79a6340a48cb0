package io.chatsignals.worker.limits;

import io.chatsignals.worker.provider.ProviderResult;
import java.util.random.RandomGenerator;

/**
 * The worker's one rule for what follows a provider answer (docs/design.md, execution rule 5), for commands (the
 * dispatcher) and message-details lookups (the enricher) alike: a success ends; a permanent answer fails; RESIGN
 * (NXCloud 1004, timestamp expired) is retried at once with a fresh signature, once; a retryable answer (429, 5xx,
 * timeout, connection error) is retried while the caller's budget lasts — a 429 as soon as the limit key's pause for
 * its Retry-After ends (the {@link RateLimiter} keeps the pause), a limit of one conversation (the Cloud API's pair
 * limit) after its Retry-After without pausing the key, anything else after the backoff. Immutable.
 *
 * @param backoff the waits between retries of a retryable answer other than a 429
 */
public record RetryPolicy(Backoff backoff) {
    /** What to do next. */
    public enum Action {
        /** The call succeeded. */
        SUCCEED,
        /** Give up: a permanent answer, a second RESIGN, or the budget is spent. */
        FAIL,
        /** Call again after {@link Next#delayNanos()}. */
        RETRY
    }

    /**
     * @param action     what to do
     * @param delayNanos for RETRY, how long to wait first, ns (0: at once, or once the pause ends)
     * @param pause      for RETRY, whether the limit key must first be paused for the answer's Retry-After (a 429)
     * @param resign     for RETRY, whether the retry re-signs the request (NXCloud 1004)
     */
    public record Next(Action action, long delayNanos, boolean pause, boolean resign) {
        static final Next SUCCEED = new Next(Action.SUCCEED, 0, false, false);
        static final Next FAIL = new Next(Action.FAIL, 0, false, false);
    }

    /**
     * @param failures       failed attempts so far, this one included (the backoff grows with them)
     * @param resignedBefore whether the request was re-signed once already
     * @param budgetSpent    whether the caller may not try again (its attempts, its retry duration)
     * @param random         the jitter's source (confined to the caller's thread)
     * @return what to do after the answer {@code result}
     */
    public Next next(
            ProviderResult result, int failures, boolean resignedBefore, boolean budgetSpent, RandomGenerator random) {
        return switch (result.kind()) {
            case SUCCESS -> Next.SUCCEED;
            case PERMANENT -> Next.FAIL;
            case RESIGN -> resignedBefore ? Next.FAIL : new Next(Action.RETRY, 0, false, true);
            case RETRY -> {
                if (budgetSpent) {
                    yield Next.FAIL;
                }
                if (result.conversationLimited()) { // only this conversation waits: no pause of the account's key
                    yield new Next(Action.RETRY, retryAfterNanos(result), false, false);
                }
                yield result.rateLimited()
                        ? new Next(Action.RETRY, 0, true, false)
                        : new Next(Action.RETRY, backoff.next(failures, random).toNanos(), false, false);
            }
        };
    }

    /** @return the answer's Retry-After in ns, 1 s when it gave none */
    private static long retryAfterNanos(ProviderResult result) {
        return result.retryAfter() == null
                ? 1_000_000_000L
                : result.retryAfter().toNanos();
    }
}
