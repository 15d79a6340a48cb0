package io.chatsignals.devstack.faults;

import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture.Conversation;
import io.chatsignals.devstack.run.fixture.ProviderFixture.WebhookTraffic;
import io.chatsignals.devstack.run.traffic.InboundMessages;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Inbound traffic at a fixed rate for fault runs: on its own thread, one real-format webhook per new conversation
 * (from the given providers' fixtures in turn, on a channel that takes a read), so that each conversation's latest
 * message must get exactly one read and nothing else. Sends are asynchronous
 * ({@code acks=all}, idempotent, retried by the producer within {@code delivery.timeout.ms}): a broker fault slows no
 * tick down. {@link #close()} stops publishing and waits for every acknowledgement; only acknowledged messages count.
 */
public final class SteadyLoad implements AutoCloseable {
    private final Stack stack;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final long periodNanos;
    private final int run;
    private final List<Provider> providers;
    private final List<WebhookTraffic> traffic;
    private final Thread thread = new Thread(this::publish, "steady-load");
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;

    private record Pending(String messageId, List<Future<RecordMetadata>> acks) {}

    /**
     * @param perSecond messages per second (one conversation each)
     * @param run       a number (0–999,999) making this run's accounts its own (the fixtures' account {@code run})
     * @param providers the providers whose webhooks make the load, in turn
     * @throws IllegalArgumentException for no provider, or one without webhook traffic in its fixture
     */
    public SteadyLoad(Stack stack, double perSecond, int run, List<Provider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a steady load needs at least one provider");
        }
        this.traffic = providers.stream()
                .map(p -> Fixtures.of(p)
                        .webhook()
                        .orElseThrow(() -> new IllegalArgumentException(p + " has no webhook traffic")))
                .toList();
        this.providers = List.copyOf(providers);
        this.stack = stack;
        this.producer = stack.producer();
        this.periodNanos = (long) (1e9 / perSecond);
        this.run = run;
    }

    /** Starts publishing; returns at once. */
    public SteadyLoad start() {
        thread.start();
        return this;
    }

    private void publish() {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(run);
        try {
            for (int i = 0; running; i++) {
                int turn = i % providers.size();
                WebhookTraffic t = traffic.get(turn);
                String json = t.payload(readable(providers.get(turn), t, i, random), Instant.now(), random);
                InboundMessages.Published published = InboundMessages.publish(stack, producer, json);
                List<String> ids = published.messageIds();
                synchronized (pending) {
                    pending.add(new Pending(ids.get(ids.size() - 1), published.acks()));
                }
                long next = start + (i + 1) * periodNanos;
                while (running && System.nanoTime() < next) {
                    Thread.sleep(2); // the publishing rate itself, not a wait for a result
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** @return a new conversation of the run's account with customer {@code i}, on a channel that takes a read */
    private Conversation readable(Provider provider, WebhookTraffic t, int i, SplittableRandom random) {
        for (int tries = 0; tries < 100; tries++) {
            Conversation c = t.conversation(run, i, random);
            if (ProviderSpecs.of(provider).supports(c.channel(), CommandAction.MARK_READ)) {
                return c;
            }
        }
        throw new IllegalStateException(provider + "'s fixture makes no conversation on a channel that takes a read");
    }

    /** @return how many webhooks have been handed to the producer so far */
    public int sent() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** @return the ids of the messages the cluster acknowledged (complete after {@link #close()}) */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** @return messages whose send failed (the producer gave up within delivery.timeout.ms): not counted as published */
    public long refused() {
        return refused.get();
    }

    /**
     * Stops publishing and waits for every send's outcome.
     *
     * @throws IllegalStateException if building or handing a message to the producer failed
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        List<Pending> all;
        synchronized (pending) {
            all = List.copyOf(pending);
        }
        for (Pending p : all) {
            try {
                for (Future<RecordMetadata> ack : p.acks()) {
                    ack.get();
                }
                acknowledged.add(p.messageId());
            } catch (ExecutionException e) {
                refused.incrementAndGet();
            }
        }
        producer.close();
        if (failure != null) {
            throw new IllegalStateException("the load stopped: " + failure, failure);
        }
    }
}
