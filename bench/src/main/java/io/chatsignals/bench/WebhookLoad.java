package io.chatsignals.bench;

import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture;
import io.chatsignals.devstack.run.traffic.IngressPoster;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.WebhookException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * Webhooks of every provider posted at a fixed rate, in turn to each ingress instance (as a load balancer would) and
 * in turn 8x8, NXCloud and the Cloud API, each authorized or signed as its provider does; every answer is kept with
 * the webhook's message id and its answer time. A provider retries what is not answered 200; this load does not, so
 * that each acknowledgement stands for one write to check.
 */
final class WebhookLoad implements AutoCloseable {
    /**
     * One webhook and its answer.
     *
     * @param messageId the message it carries (8x8 umid, NXCloud or Cloud API wamid)
     * @param source    its provider
     * @param status    the HTTP status of the answer, 0 when none came
     * @param sentNanos when it was sent ({@link System#nanoTime()})
     * @param millis    how long its answer took, ms
     */
    record Answer(String messageId, Provider source, int status, long sentNanos, long millis) {}

    private final List<IngressPoster> ingresses;
    /** The webhook providers, posted in turn. */
    private final List<ProviderFixture> webhooks = Fixtures.withWebhook();

    private final SplittableRandom random = new SplittableRandom(42);
    private final double rate;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    /** @param ratePerSecond webhooks per second over all instances */
    WebhookLoad(List<IngressPoster> ingresses, double ratePerSecond) {
        this.ingresses = List.copyOf(ingresses);
        this.rate = ratePerSecond;
        this.thread = new Thread(this::run, "webhook-load");
    }

    WebhookLoad start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            Pacing.run(rate, Duration.ofDays(1), 5, i -> {
                if (running) {
                    post(i);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(long i) {
        ProviderFixture fixture = webhooks.get((int) (i % webhooks.size()));
        Provider source = fixture.provider();
        ProviderFixture.WebhookTraffic traffic = fixture.webhook().orElseThrow();
        String json = traffic.payload(traffic.conversation(0, (int) (i % 1000), random), Instant.now(), random);
        String messageId;
        try {
            SpecificRecord first = Webhooks.map(json).get(0);
            messageId = ProviderSpecs.ofInbound(first)
                    .orElseThrow()
                    .inbound()
                    .orElseThrow()
                    .read(first)
                    .messageId();
        } catch (WebhookException e) {
            throw new IllegalStateException("webhook not built", e);
        }
        long sent = System.nanoTime();
        pending.add(ingresses
                .get((int) (i % ingresses.size()))
                .send(source, json)
                .thenAccept(status -> answers.add(new Answer(
                        messageId, source, status, sent, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)))));
    }

    /** Stops sending and waits (up to 60 s) for the answers of what was sent. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // answers that never came are missing from answers(): counted by the caller as sent but unanswered
        }
    }

    /** @return every answer received so far */
    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }
}
