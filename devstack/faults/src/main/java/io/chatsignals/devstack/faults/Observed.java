package io.chatsignals.devstack.faults;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.run.Stack;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What a fault run looks like from outside: a reader of the commands and status topics and of the inbound topics of
 * the providers whose records are counted (a source connector's: {@code read_committed}, as a user's consumer reads
 * them) on its own thread, keeping decisions per message, statuses per command, the wall time each first arrived and
 * the copies of each counted inbound message, from which the figures of a run are taken ({@link #figures},
 * {@link #sourceFigures}). Thread-safe getters.
 */
public final class Observed implements AutoCloseable {
    private final KafkaConsumer<byte[], Object> reader;
    private final Thread thread = new Thread(this::read, "observed");
    private volatile boolean running = true;
    private final Map<String, Integer> decisionsOfMessage = new HashMap<>();
    private final Map<String, String> messageOfCommand = new HashMap<>();
    private final Map<String, Integer> statusesOfCommand = new HashMap<>();
    /** System.nanoTime() of each new command and of each first status, in arrival order. */
    private final List<Long> commandArrivals = new ArrayList<>();

    private final List<Long> statusArrivals = new ArrayList<>();
    /** Records of the counted inbound topics per message id. */
    private final Map<String, Integer> copiesOfInbound = new HashMap<>();

    /** Observes the commands and statuses only. */
    public Observed(Stack stack) {
        this(stack, List.of());
    }

    /** @param counted the providers whose inbound records are counted per message ({@link #sourceFigures}) */
    public Observed(Stack stack, List<Provider> counted) {
        this.reader = stack.reader(Stream.concat(
                        Stream.of(Topics.COMMANDS, Topics.STATUS),
                        counted.stream().map(p -> ProviderSpecs.of(p)
                                .inbound()
                                .orElseThrow()
                                .topic()))
                .toArray(String[]::new));
        thread.start();
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<byte[], Object> r : reader.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                synchronized (this) {
                    if (r.value() instanceof ChatCommand c) {
                        decisionsOfMessage.merge(c.getMessageId(), 1, Integer::sum);
                        messageOfCommand.put(c.getCommandId(), c.getMessageId());
                        commandArrivals.add(now);
                    } else if (r.value() instanceof SpecificRecord in
                            && ProviderSpecs.ofInbound(in).isPresent()) {
                        ProviderSpec spec = ProviderSpecs.ofInbound(in).orElseThrow();
                        copiesOfInbound.merge(
                                spec.inbound().orElseThrow().read(in).messageId(), 1, Integer::sum);
                    } else if (r.value() instanceof CommandStatus s
                            && statusesOfCommand.merge(s.getCommandId(), 1, Integer::sum) == 1) {
                        statusArrivals.add(now);
                    }
                }
            }
        }
        reader.close();
    }

    /** @return whether every one of {@code messages} has a decision and every command seen has a status */
    public synchronized boolean complete(Collection<String> messages) {
        return decisionsOfMessage.keySet().containsAll(messages)
                && statusesOfCommand.keySet().containsAll(messageOfCommand.keySet());
    }

    /** @return the records of the counted inbound topics seen so far (copies included) */
    public synchronized long countedRecords() {
        return copiesOfInbound.values().stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * The figures of a source connector in a run, over the counted inbound records.
     *
     * @param written  the ids of the messages written where the connector polls
     * @param latest   the id of each conversation's latest message, which must be decided (read)
     */
    public synchronized SourceFigures sourceFigures(Set<String> written, Collection<String> latest) {
        return new SourceFigures(
                written.size(),
                written.stream().filter(m -> !copiesOfInbound.containsKey(m)).count(),
                copiesOfInbound.values().stream().mapToLong(n -> n - 1).sum(),
                latest.stream().filter(m -> !decisionsOfMessage.containsKey(m)).count());
    }

    /**
     * Figures of a source connector in a run.
     *
     * @param messages          messages written where the connector polls
     * @param missing           of them, not at the inbound topic (the connector lost them)
     * @param extraCopies       records at the inbound topic beyond the first of their message (repeats)
     * @param latestWithoutRead conversations whose latest message has no decision
     */
    public record SourceFigures(long messages, long missing, long extraCopies, long latestWithoutRead) {}

    /** @return the commands seen so far, by command id → the message it acts on */
    public synchronized Map<String, String> commands() {
        return Map.copyOf(messageOfCommand);
    }

    /**
     * The figures of a run over {@code published} (the acknowledged messages, one conversation each).
     *
     * @param fromNanos start of the window the stalls are measured in (System.nanoTime())
     * @param toNanos   its end
     */
    public synchronized Figures figures(Set<String> published, long fromNanos, long toNanos) {
        long lost = published.stream()
                .filter(m -> !decisionsOfMessage.containsKey(m))
                .count();
        long twice = decisionsOfMessage.values().stream().filter(n -> n > 1).count();
        long withoutStatus = messageOfCommand.keySet().stream()
                .filter(c -> !statusesOfCommand.containsKey(c))
                .count();
        long severalStatuses =
                statusesOfCommand.values().stream().filter(n -> n > 1).count();
        return new Figures(
                published.size(),
                lost,
                twice,
                withoutStatus,
                severalStatuses,
                longestGapMs(commandArrivals, fromNanos, toNanos),
                longestGapMs(statusArrivals, fromNanos, toNanos));
    }

    /** The longest time without an arrival inside [from, to], ms, the window's edges included. */
    private static long longestGapMs(List<Long> arrivals, long from, long to) {
        long previous = from;
        long longest = 0;
        for (long at : arrivals) {
            if (at < from) {
                continue;
            }
            if (at > to) {
                break;
            }
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return Duration.ofNanos(Math.max(longest, to - previous)).toMillis();
    }

    /**
     * Figures of one fault run.
     *
     * @param messages       acknowledged inbound messages (one conversation each)
     * @param lost           messages without a decision
     * @param decidedTwice   messages decided more than once (exactly-once decisions: must be 0)
     * @param withoutStatus  commands without a status
     * @param severalStatuses commands with more than one status (at-least-once execution: ≤ what was in flight)
     * @param decisionStallMs the longest time without a new command in the window, ms
     * @param statusStallMs   the longest time without a new status in the window, ms
     */
    public record Figures(
            long messages,
            long lost,
            long decidedTwice,
            long withoutStatus,
            long severalStatuses,
            long decisionStallMs,
            long statusStallMs) {}

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
