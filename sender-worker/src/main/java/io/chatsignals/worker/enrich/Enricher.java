package io.chatsignals.worker.enrich;

import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.WorkerMetrics;
import io.chatsignals.worker.limits.Backoff;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.limits.RateLimiter;
import io.chatsignals.worker.limits.RetryPolicy;
import io.chatsignals.worker.provider.DetailsLookup;
import io.chatsignals.worker.provider.ProviderResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Looks up the message details of a successfully handled inbound message, for a provider that has them ({@code
 * ProviderSpec#hasMessageDetails}; docs/design.md, execution rule 6), under the account's details budget (the
 * provider's, docs/providers/), one lookup per message id (commands of the same message share it, pending or done):
 * ENRICHED with the details; SKIPPED when the budget did not allow a lookup within {@code enrich.max-wait} — no token
 * in time, or only 429 answers (the provider's view of the same budget); LOOKUP_FAILED when the provider answers
 * another error (or keeps failing until the wait ends). Each call's next one waits one interval from its response
 * ({@link RateLimiter#spaceFromResponse}), so arrivals stay under the limit whatever the jitter. Every 429 is counted
 * ({@code chatsignals.provider.rate.limited}, action DETAILS) and pauses the key for its Retry-After. Never fails the
 * command. Confined to its Vert.x context.
 */
public final class Enricher {
    /** The outcome of one enrichment. */
    public record Result(Enrichment enrichment, MessageDetails details) {}

    private static final int CACHE_SIZE = 100_000;

    private final Vertx vertx;
    private final Context context;
    private final Provider provider;
    private final DetailsLookup client;
    private final RateLimiter<LimitKey> limiter;
    private final Duration maxWait;
    private final RetryPolicy retryPolicy;
    private final WorkerMetrics metrics;
    private final SplittableRandom random = new SplittableRandom();
    /** umid → its lookup, pending or done (a SKIPPED one is forgotten so that a later command may try again). */
    private final Map<String, Future<Result>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Future<Result>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /**
     * @param provider the provider whose message details these are
     * @param limiter  a limiter whose {@link LimitKey#details} keys allow the provider's budget
     * @param maxWait how long a status may wait for its lookup
     * @param backoff waits between retries of a failed (non-429) lookup
     */
    public Enricher(
            Vertx vertx,
            Provider provider,
            DetailsLookup client,
            RateLimiter<LimitKey> limiter,
            Duration maxWait,
            Backoff backoff,
            WorkerMetrics metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.provider = provider;
        this.client = client;
        this.limiter = limiter;
        this.maxWait = maxWait;
        this.retryPolicy = new RetryPolicy(backoff);
        this.metrics = metrics;
    }

    /** @return the enrichment of a message of the account; completes within {@code enrich.max-wait} (plus one request timeout) */
    public Future<Result> enrich(String account, String messageId) {
        Promise<Result> result = Promise.promise();
        context.runOnContext(v -> {
            Future<Result> lookup = cache.get(messageId);
            if (lookup == null) {
                Promise<Result> promise = Promise.promise();
                lookup = promise.future();
                cache.put(messageId, lookup);
                lookup.onSuccess(r -> {
                    if (r.enrichment() == Enrichment.SKIPPED) {
                        cache.remove(messageId);
                    }
                });
                attempt(account, messageId, System.nanoTime() + maxWait.toNanos(), 0, promise);
            }
            lookup.onComplete(result);
        });
        return result.future();
    }

    /**
     * @param failures lookups that failed with something other than a 429 so far: with none, running out of time is
     *                 the budget's doing (SKIPPED), else LOOKUP_FAILED
     */
    private void attempt(String account, String umid, long deadline, int failures, Promise<Result> promise) {
        long now = System.nanoTime();
        LimitKey key = LimitKey.details(provider, account);
        long wait = limiter.tryAcquire(key, now);
        if (wait > 0) {
            if (now + wait > deadline) {
                promise.complete(new Result(failures == 0 ? Enrichment.SKIPPED : Enrichment.LOOKUP_FAILED, null));
            } else {
                vertx.setTimer(Math.max(1, wait / 1_000_000), t -> attempt(account, umid, deadline, failures, promise));
            }
            return;
        }
        client.details(account, umid)
                .onComplete(ar -> context.runOnContext(v -> {
                    limiter.spaceFromResponse(key, System.nanoTime());
                    ProviderResult r = ar.succeeded() ? ar.result() : ProviderResult.transportError(ar.cause());
                    if (r.rateLimited()) {
                        metrics.providerRateLimited(provider, "DETAILS");
                    }
                    int failed =
                            r.rateLimited() ? failures : failures + 1; // a 429 is the budget's doing, not a failure
                    RetryPolicy.Next next = retryPolicy.next(r, failed, true, false, random);
                    switch (next.action()) {
                        case SUCCEED -> promise.complete(parsed(r));
                        case FAIL -> promise.complete(new Result(Enrichment.LOOKUP_FAILED, null));
                        case RETRY -> {
                            if (next.pause()) {
                                limiter.pause(key, r.retryAfter(), System.nanoTime());
                            }
                            long delay = next.pause() ? r.retryAfter().toNanos() : next.delayNanos();
                            if (System.nanoTime() + delay > deadline) {
                                promise.complete(
                                        new Result(failed == 0 ? Enrichment.SKIPPED : Enrichment.LOOKUP_FAILED, null));
                            } else {
                                vertx.setTimer(
                                        Math.max(1, delay / 1_000_000),
                                        t -> attempt(account, umid, deadline, failed, promise));
                            }
                        }
                    }
                }));
    }

    /** @return ENRICHED with the parsed details, or LOOKUP_FAILED when the body is not what the provider documents */
    private Result parsed(ProviderResult r) {
        try {
            return new Result(Enrichment.ENRICHED, client.parse(r.body()));
        } catch (IllegalArgumentException e) {
            return new Result(Enrichment.LOOKUP_FAILED, null);
        }
    }
}
