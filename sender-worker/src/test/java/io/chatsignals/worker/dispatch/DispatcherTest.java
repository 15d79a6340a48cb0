package io.chatsignals.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.chatsignals.worker.WorkerMetrics;
import io.chatsignals.worker.limits.Backoff;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.limits.RateLimiter;
import io.chatsignals.worker.provider.ProviderAnswers;
import io.chatsignals.worker.provider.ProviderResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dispatcher's retry and end rules (docs/design.md, execution rules 4–5) as a table, against a scripted provider: no
 * broker, no HTTP. Each row: the answers the provider gives in turn (the last repeats), the attempt cap, the time to
 * notAfter; the outcome and the attempts made.
 */
class DispatcherTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @ParameterizedTest(name = "{0}, max-attempts {1}, notAfter +{2} ms → {3} after {4}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            OK                      | 0 | 60000 | SUCCEEDED | 1
            503,503,OK              | 0 | 60000 | SUCCEEDED | 3
            400                     | 0 | 60000 | FAILED    | 1
            503                     | 3 | 60000 | FAILED    | 3
            503                     | 1 | 60000 | FAILED    | 1
            RESIGN,OK               | 0 | 60000 | SUCCEEDED | 2
            RESIGN,RESIGN           | 0 | 60000 | FAILED    | 2
            429:1,OK                | 0 | 60000 | SUCCEEDED | 2
            429:30                  | 0 | 1500  | FAILED    | 1
            503                     | 0 | 1500  | FAILED    | -1
            OK                      | 0 | -1    | EXPIRED   | 0
            """)
    void retriesEndBySuccessAPermanentErrorTheAttemptCapOrTheNotAfter(
            String script, int maxAttempts, long notAfterMs, Outcome outcome, int attempts) {
        List<String> answers = List.of(script.split(","));
        AtomicInteger calls = new AtomicInteger();
        Map<String, Outcome> done = new ConcurrentHashMap<>();
        Map<String, Integer> attemptsOf = new ConcurrentHashMap<>();
        Dispatcher<Origin> dispatcher = dispatcher(
                maxAttempts,
                job -> {
                    String answer = answers.get(Math.min(calls.getAndIncrement(), answers.size() - 1));
                    return Future.succeededFuture(ProviderAnswers.of(answer));
                },
                (job, o) -> {
                    attemptsOf.put(job.command().getCommandId(), job.attempts());
                    done.put(job.command().getCommandId(), o);
                });
        ChatCommand c = command("c-1", "+15550000001", notAfterMs);
        dispatcher.submit(new Job<Origin>(c, () -> "p0"));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.containsKey("c-1"));
        assertThat(done.get("c-1")).isEqualTo(outcome);
        if (attempts >= 0) {
            assertThat(attemptsOf.get("c-1")).isEqualTo(attempts);
        } else {
            assertThat(attemptsOf.get("c-1")).as("retried until notAfter").isGreaterThan(1);
        }
    }

    /** Commands of one conversation run one at a time, in order; other conversations of the account meanwhile go on. */
    @Test
    void oneConversationAtATimeInOrderWhileOthersRun() {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        Map<String, Promise<ProviderResult>> open = new ConcurrentHashMap<>();
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        Dispatcher<Origin> dispatcher = dispatcher(
                0,
                job -> {
                    started.add(job.command().getCommandId());
                    Promise<ProviderResult> p = Promise.promise();
                    open.put(job.command().getCommandId(), p);
                    return p.future();
                },
                (job, o) -> finished.add(job.command().getCommandId()));
        dispatcher.submit(new Job<Origin>(command("a-1", "+1555000000A", 60_000), () -> "p0"));
        dispatcher.submit(new Job<Origin>(command("a-2", "+1555000000A", 60_000), () -> "p0"));
        dispatcher.submit(new Job<Origin>(command("b-1", "+1555000000B", 60_000), () -> "p0"));

        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
        assertThat(started).containsExactlyInAnyOrder("a-1", "b-1"); // a-2 waits for a-1, b-1 does not
        open.get("b-1").complete(ProviderResult.success(200, null));
        open.get("a-1").complete(ProviderResult.success(200, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
        assertThat(started.get(2)).isEqualTo("a-2");
        open.get("a-2").complete(ProviderResult.success(200, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> finished.size() == 3);
    }

    /** Queued jobs of a revoked source are dropped and handed back; those of other sources stay. */
    @Test
    void droppingASourceHandsBackItsQueuedJobsOnly() {
        Dispatcher<Origin> dispatcher =
                dispatcher(0, job -> Promise.<ProviderResult>promise().future(), (job, o) -> {});
        dispatcher.submit(
                new Job<Origin>(command("a-1", "+1555000000A", 60_000), () -> "p0")); // in flight, never answered
        dispatcher.submit(new Job<Origin>(command("a-2", "+1555000000A", 60_000), () -> "p0")); // queued behind it
        dispatcher.submit(
                new Job<Origin>(command("b-2", "+1555000000A", 60_000), () -> "p1")); // queued, another source
        List<Job<Origin>> dropped = dispatcher
                .dropQueued(List.of("p0"))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        assertThat(dropped).extracting(j -> j.command().getCommandId()).containsExactly("a-2");
    }

    private Dispatcher<Origin> dispatcher(int maxAttempts, ProviderCall call, JobCompletion<Origin> finished) {
        DispatchLimits limits = new DispatchLimits(
                64,
                4,
                maxAttempts,
                Duration.ofMinutes(15),
                Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        RateLimiter<LimitKey> limiter = new RateLimiter<>(key -> 0, 0);
        return new Dispatcher<>(
                vertx,
                limits,
                limiter,
                call,
                finished,
                new WorkerMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC());
    }

    private static ChatCommand command(String id, String customer, long notAfterMs) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        return ChatCommand.newBuilder()
                .setCommandId(id)
                .setAction(CommandAction.MARK_READ)
                .setProvider(Provider.EIGHT_BY_EIGHT)
                .setAccount("acme")
                .setChannel("whatsapp")
                .setCustomer(customer)
                .setMessageId(id)
                .setInboundAt(now)
                .setDecidedAt(now)
                .setNotAfter(now.plusMillis(notAfterMs))
                .setTrigger(Trigger.ON_RECEIPT)
                .build();
    }
}
