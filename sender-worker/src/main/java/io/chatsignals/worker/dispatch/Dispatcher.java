package io.chatsignals.worker.dispatch;

import io.chatsignals.ops.LogContext;
import io.chatsignals.ops.LogSafe;
import io.chatsignals.ops.Tracing;
import io.chatsignals.schema.Outcome;
import io.chatsignals.worker.WorkerMetrics;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.limits.RateLimiter;
import io.chatsignals.worker.limits.RetryPolicy;
import io.chatsignals.worker.provider.ProviderResult;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands concurrently without head-of-line blocking (docs/design.md, execution rules 2–5). Every (provider, account)
 * has its own lane: a FIFO in which only the first pending command of each conversation may run (order per
 * conversation), under that account's token buckets and 429 pauses ({@link RateLimiter}), at most
 * {@code perAccountInFlight} at a time, and at most {@code maxInFlight} over all lanes; where the provider has a
 * conversation spacing, a conversation's calls start at least that far apart. A lane that must wait (no
 * token, paused, backing off) sets a timer and steps aside; other lanes go on. Nothing is sent after a command's
 * {@code notAfter}: a command that waits past it (token, 429 pause, backoff) ends then — EXPIRED if it was never sent,
 * else FAILED with its last error — because its lane wakes at the earliest notAfter it holds; each request's timeout is
 * capped at the time left to its notAfter. Retries (exponential backoff with jitter; a 429 waits its Retry-After;
 * NXCloud 1004 re-signs once at once) go back to the front of their conversation, until the notAfter or
 * {@code maxRetryDuration} after the first attempt (a provider outage of minutes loses no read receipt; reads may be
 * sent for 30 days), or the optional {@code maxAttempts}. All state is confined to one Vert.x context;
 * {@link #submit}, {@link #dropQueued} and {@link #release} may be called from any thread.
 *
 * @param <O> where jobs come from (the intake's {@link Origin}), handed back with each finished job
 */
public final class Dispatcher<O extends Origin> {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final class Lane {
        final ArrayDeque<Job<O>> pending = new ArrayDeque<>();
        final Set<String> busyConversations = new HashSet<>();
        /** With conversation spacing: when each conversation's last call started, ns; pruned as it ages out. */
        final Map<String, Long> lastStartNanos = new HashMap<>();

        final long spacingNanos;
        /** The size of lastStartNanos at which it is pruned next (doubles with what a pruning keeps). */
        int pruneAt = 1024;

        int inFlight;
        boolean ready;
        long wakeTimer = -1;

        Lane(long spacingNanos) {
            this.spacingNanos = spacingNanos;
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final DispatchLimits limits;
    private final RateLimiter<LimitKey> limiter;
    private final ProviderCall call;
    private final JobCompletion<O> finished;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    private final RetryPolicy retryPolicy;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> readyLanes = new ArrayDeque<>();
    private final Set<Lane> waitingForSlot = new LinkedHashSet<>();
    private final Set<Job<O>> inFlightJobs = new HashSet<>();
    private int inFlight;
    private int queued;

    /**
     * @param call     makes one provider call for a job (the attempt number is already counted)
     * @param finished receives each job once, with its outcome; not called for released jobs
     */
    private final JobTracing tracing;

    public Dispatcher(
            Vertx vertx,
            DispatchLimits limits,
            RateLimiter<LimitKey> limiter,
            ProviderCall call,
            JobCompletion<O> finished,
            WorkerMetrics metrics,
            Clock clock) {
        this.vertx = vertx;
        this.tracing = new JobTracing(Tracing.current("io.chatsignals.worker"));
        this.context = vertx.getOrCreateContext();
        this.limits = limits;
        this.retryPolicy = new RetryPolicy(limits.backoff());
        this.limiter = limiter;
        this.call = call;
        this.finished = finished;
        this.metrics = metrics;
        this.clock = clock;
        metrics.gauges(() -> inFlight, () -> queued, () -> limiter.pausedKeys(System.nanoTime()));
    }

    /** Queues a job; returns at once. */
    public void submit(Job<O> job) {
        context.runOnContext(v -> {
            Lane lane = lanes.computeIfAbsent(job.lane, k -> new Lane(limits.spacingNanos(job.command.getProvider())));
            lane.pending.addLast(job);
            queued++;
            markReady(lane);
            pump();
        });
    }

    /**
     * Drops the queued (not started) jobs of these sources ({@link Origin#source()}: partitions), which stay
     * unfinished for their next owner; jobs in flight go on. Returns once done, with the jobs dropped.
     */
    public Future<List<Job<O>>> dropQueued(Collection<?> sources) {
        Set<Object> revoked = Set.copyOf(sources);
        return Future.future(promise -> context.runOnContext(v -> promise.complete(removeQueued(revoked))));
    }

    /**
     * Drops the queued jobs of revoked sources (their new owner runs them) and marks their in-flight jobs released
     * (their results are not published). Returns once done.
     */
    public Future<Void> release(Collection<?> sources) {
        Set<Object> revoked = Set.copyOf(sources);
        return Future.<Void>future(promise -> context.runOnContext(v -> {
            removeQueued(revoked);
            inFlightJobs.stream()
                    .filter(j -> revoked.contains(j.origin.source()))
                    .forEach(j -> j.released = true);
            promise.complete();
        }));
    }

    /** Removes the queued jobs of these sources from every lane; on the context. @return the jobs removed */
    private List<Job<O>> removeQueued(Set<Object> sources) {
        List<Job<O>> removed = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            lane.pending.removeIf(job -> sources.contains(job.origin.source()) && removed.add(job));
        }
        queued -= removed.size();
        return removed;
    }

    private void markReady(Lane lane) {
        if (!lane.ready && !lane.pending.isEmpty()) {
            lane.ready = true;
            readyLanes.addLast(lane);
        }
    }

    private void pump() {
        int rounds = readyLanes.size();
        while (inFlight < limits.maxInFlight() && !readyLanes.isEmpty() && rounds-- >= 0) {
            Lane lane = readyLanes.pollFirst();
            lane.ready = false;
            runLane(lane);
        }
    }

    private void runLane(Lane lane) {
        long nowNanos = System.nanoTime();
        Instant now = clock.instant();
        long wakeAt = Long.MAX_VALUE;
        if (lane.lastStartNanos.size() > lane.pruneAt) {
            lane.lastStartNanos.values().removeIf(started -> nowNanos - started >= lane.spacingNanos);
            lane.pruneAt = Math.max(1024, 2 * lane.lastStartNanos.size());
        }
        Set<String> seen = new HashSet<>();
        Iterator<Job<O>> it = lane.pending.iterator();
        while (it.hasNext()) {
            if (inFlight >= limits.maxInFlight()) {
                waitingForSlot.add(lane); // made ready again when any job finishes
                return;
            }
            if (lane.inFlight >= limits.perAccountInFlight()) {
                return; // made ready again when one of its own jobs finishes
            }
            Job<O> job = it.next();
            if (!seen.add(job.conversation) || lane.busyConversations.contains(job.conversation)) {
                continue; // an earlier command of this conversation goes first (its end wakes this lane)
            }
            if (!now.isBefore(job.command.getNotAfter())) {
                it.remove();
                queued--;
                finish(job, job.attempts == 0 ? Outcome.EXPIRED : Outcome.FAILED);
                continue;
            }
            long expiresAt = nowNanos + (job.command.getNotAfter().toEpochMilli() - now.toEpochMilli()) * 1_000_000L;
            long notBefore = job.notBeforeNanos;
            if (lane.spacingNanos > 0) {
                Long last = lane.lastStartNanos.get(job.conversation);
                notBefore = last == null ? notBefore : Math.max(notBefore, last + lane.spacingNanos);
            }
            if (notBefore > nowNanos) {
                wakeAt = Math.min(wakeAt, Math.min(notBefore, expiresAt));
                continue;
            }
            long wait = limiter.tryAcquire(job.limitKey(), nowNanos);
            if (wait > 0) {
                metrics.rateLimiterWait(wait);
                wakeAt = Math.min(wakeAt, Math.min(nowNanos + wait, expiresAt));
                continue;
            }
            it.remove();
            queued--;
            start(lane, job, now);
        }
        if (wakeAt != Long.MAX_VALUE) {
            scheduleWake(lane, wakeAt - nowNanos);
        }
    }

    private void scheduleWake(Lane lane, long delayNanos) {
        if (lane.wakeTimer >= 0) {
            vertx.cancelTimer(lane.wakeTimer);
        }
        lane.wakeTimer = vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> {
            lane.wakeTimer = -1;
            markReady(lane);
            pump();
        });
    }

    private void start(Lane lane, Job<O> job, Instant now) {
        lane.busyConversations.add(job.conversation);
        if (lane.spacingNanos > 0) {
            lane.lastStartNanos.put(job.conversation, System.nanoTime());
        }
        lane.inFlight++;
        inFlight++;
        inFlightJobs.add(job);
        job.attempts++;
        if (job.firstAttemptAt == null) {
            job.firstAttemptAt = now;
        }
        long untilNotAfter = job.command.getNotAfter().toEpochMilli() - now.toEpochMilli();
        job.requestTimeoutMs = Math.max(1, Math.min(limits.requestTimeout().toMillis(), untilNotAfter));
        long started = System.nanoTime();
        job.attemptSpan = tracing.attempt(job);
        Future<ProviderResult> attempt;
        try (LogContext ignored = logContext(job)) {
            attempt = call.call(job);
        } catch (RuntimeException e) {
            attempt = Future.failedFuture(e); // e.g. a client closed at shutdown: the bookkeeping below still runs
        }
        attempt.onComplete(ar -> context.runOnContext(v -> completed(lane, job, ar, started)));
    }

    private static LogContext logContext(Job<?> job) {
        return LogContext.command(job.command.getCommandId(), job.conversation, job.span);
    }

    private void completed(Lane lane, Job<O> job, AsyncResult<ProviderResult> ar, long started) {
        try (LogContext ignored = logContext(job)) {
            ProviderResult result = ar.succeeded() ? ar.result() : ProviderResult.transportError(ar.cause());
            metrics.httpCall(job.command, result, System.nanoTime() - started);
            lane.busyConversations.remove(job.conversation);
            lane.inFlight--;
            inFlight--;
            inFlightJobs.remove(job);
            job.last = result;
            handle(lane, job, result);
            markReady(lane);
            waitingForSlot.forEach(this::markReady);
            waitingForSlot.clear();
        }
        pump();
    }

    private void handle(Lane lane, Job<O> job, ProviderResult result) {
        if (result.rateLimited()) {
            metrics.providerRateLimited(job.command);
        }
        boolean attemptsSpent = limits.maxAttempts() > 0 && job.attempts >= limits.maxAttempts();
        boolean timeSpent = !clock.instant().isBefore(job.firstAttemptAt.plus(limits.maxRetryDuration()));
        RetryPolicy.Next next =
                retryPolicy.next(result, job.attempts, job.resigned, attemptsSpent || timeSpent, random);
        JobTracing.attempted(
                job.attemptSpan, result, next.action() == RetryPolicy.Action.RETRY ? next.delayNanos() : -1);
        switch (next.action()) {
            case SUCCEED -> finish(job, Outcome.SUCCEEDED);
            case FAIL -> finish(job, Outcome.FAILED);
            case RETRY -> {
                if (next.pause()) {
                    limiter.pause(job.limitKey(), result.retryAfter(), System.nanoTime());
                }
                job.resigned |= next.resign();
                retry(lane, job, next.delayNanos());
            }
        }
    }

    private void retry(Lane lane, Job<O> job, long delayNanos) {
        if (job.released) {
            return;
        }
        metrics.retry(job.command);
        job.notBeforeNanos = System.nanoTime() + delayNanos;
        lane.pending.addFirst(job); // still the first of its conversation
        queued++;
    }

    private void finish(Job<O> job, Outcome outcome) {
        if (job.released) {
            return;
        }
        if (outcome == Outcome.FAILED && job.last != null) {
            LOG.warn(
                    "{} {} failed after {} attempt(s): {} {}",
                    job.command.getProvider(),
                    job.command.getAction(),
                    job.attempts,
                    job.last.httpStatus() == null ? "no answer" : "HTTP " + job.last.httpStatus(),
                    LogSafe.escape(job.last.message()));
        }
        try {
            finished.complete(job, outcome);
        } catch (RuntimeException e) {
            // contained: the lane bookkeeping goes on; the offset stays unfinished and the command is repeated by the
            // next owner
            LOG.error("completion of command {} failed", job.command.getCommandId(), e);
        }
    }
}
