package io.chatsignals.devstack.run;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the commands and status topics (read_committed) and keeps the figures of a run: commands, statuses by
 * outcome and enrichment, and two latencies: inbound→status (from the message's own timestamp, so it includes the
 * read quiet period and how late a message arrived) and decision→status (the worker's part: rate limits, provider
 * latency, retries, enrichment). Runs on its own thread; the getters are thread-safe.
 */
public final class Progress implements Runnable, AutoCloseable {
    private final KafkaConsumer<byte[], Object> consumer;
    private final Thread thread = new Thread(this, "progress");
    private volatile boolean running = true;
    private long commands;
    private long statuses;
    private final Map<String, String> messageOfCommand = new HashMap<>();
    private final Map<String, Integer> statusesOfCommand = new HashMap<>();
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<Provider, Long> succeededByProvider = new EnumMap<>(Provider.class);
    private final Map<String, Long> enrichments = new TreeMap<>();
    private final Map<String, Long> decidedBy = new TreeMap<>();
    private final Map<String, Long> notSucceeded = new TreeMap<>();
    private final Samples inboundToStatus = new Samples();
    private final Samples decisionToStatus = new Samples();

    public Progress(String bootstrapServers, String registryUrl) {
        KafkaAvroDeserializer<Object> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl, SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                deserializer);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.COMMANDS, Topics.STATUS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            for (ConsumerRecord<byte[], Object> r : consumer.poll(Duration.ofMillis(200))) {
                synchronized (this) {
                    if (r.value() instanceof ChatCommand) {
                        commands++;
                        ChatCommand c = (ChatCommand) r.value();
                        messageOfCommand.put(c.getCommandId(), c.getMessageId());
                        if (c.getDecidedBy() != null) {
                            decidedBy.merge(
                                    c.getDecidedBy().getPolicy() + " ("
                                            + c.getDecidedBy()
                                                    .getSource()
                                                    .name()
                                                    .toLowerCase() + ")",
                                    1L,
                                    Long::sum);
                        }
                    } else if (r.value() instanceof CommandStatus s) {
                        statuses++;
                        statusesOfCommand.merge(s.getCommandId(), 1, Integer::sum);
                        outcomes.merge(s.getOutcome(), 1L, Long::sum);
                        succeededByProvider.merge(
                                s.getProvider(), s.getOutcome() == Outcome.SUCCEEDED ? 1L : 0L, Long::sum);
                        enrichments.merge(s.getEnrichment().name(), 1L, Long::sum);
                        if (s.getOutcome() != Outcome.SUCCEEDED) {
                            notSucceeded.merge(notSucceeded(s), 1L, Long::sum);
                        }
                        inboundToStatus.add(s.getCompletedAt().toEpochMilli()
                                - s.getInboundAt().toEpochMilli());
                        decisionToStatus.add(s.getCompletedAt().toEpochMilli()
                                - s.getDecidedAt().toEpochMilli());
                    }
                }
            }
        }
        consumer.close();
    }

    public synchronized long commands() {
        return commands;
    }

    public synchronized long statuses() {
        return statuses;
    }

    /**
     * @return statuses that did not succeed, by provider, outcome and the provider's answer:
     *         {@code "<provider> <outcome> <http status> <code> <message>"}
     */
    public synchronized Map<String, Long> notSucceeded() {
        return new TreeMap<>(notSucceeded);
    }

    private static String notSucceeded(CommandStatus s) {
        String message = s.getErrorMessage() == null ? "" : s.getErrorMessage();
        return s.getProvider().name().toLowerCase() + " " + s.getOutcome() + " " + s.getHttpStatus() + " "
                + s.getErrorCode() + " " + (message.length() > 80 ? message.substring(0, 80) + "…" : message);
    }

    /** @return commands per policy that decided them: {@code "<policy> (<account|provider|global>)"} */
    public synchronized Map<String, Long> decidedBy() {
        return new TreeMap<>(decidedBy);
    }

    /** @return statuses per provider that ended SUCCEEDED (providers with a status only) */
    public synchronized Map<Provider, Long> succeededByProvider() {
        return new EnumMap<>(succeededByProvider);
    }

    /** @return commands with at least one status */
    public synchronized long commandsWithStatus() {
        return statusesOfCommand.size();
    }

    /** @return how many of the commands seen so far have no status yet */
    public synchronized long commandsWithoutStatus() {
        return stillWithoutStatus(messageOfCommand.keySet());
    }

    /** @return the ids of the commands seen so far that have no status yet */
    public synchronized Set<String> commandIdsWithoutStatus() {
        return messageOfCommand.keySet().stream()
                .filter(id -> !statusesOfCommand.containsKey(id))
                .collect(Collectors.toSet());
    }

    /** @return how many of these commands still have no status */
    public synchronized long stillWithoutStatus(Set<String> commandIds) {
        return commandIds.stream()
                .filter(id -> !statusesOfCommand.containsKey(id))
                .count();
    }

    /** @return how many commands have had more than one status */
    public synchronized long commandsWithSeveralStatuses() {
        return statusesOfCommand.values().stream().filter(n -> n > 1).count();
    }

    /** @return command id → the inbound message it acts on, for the commands on any of {@code messageIds} */
    public synchronized Map<String, String> commandsOn(Set<String> messageIds) {
        Map<String, String> on = new HashMap<>();
        messageOfCommand.forEach((command, message) -> {
            if (messageIds.contains(message)) {
                on.put(command, message);
            }
        });
        return on;
    }

    public synchronized long outcome(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    public synchronized Map<String, Long> enrichments() {
        return Map.copyOf(enrichments);
    }

    /** @return the inbound→status latency percentile (p in (0, 1]) in ms, 0 without statuses */
    public synchronized long inboundToStatusPercentile(double p) {
        return inboundToStatus.percentile(p);
    }

    /** @return the decision→status latency percentile (p in (0, 1]) in ms, 0 without statuses */
    public synchronized long decisionToStatusPercentile(double p) {
        return decisionToStatus.percentile(p);
    }

    /**
     * @return the inbound→status latency percentile (p in (0, 1]) in ms of the statuses seen since the previous call
     *         (since the start for the first), 0 without any
     */
    public synchronized long inboundToStatusPercentileSinceLast(double p) {
        return inboundToStatus.percentileSinceMark(p);
    }

    /**
     * @return the decision→status latency percentile (p in (0, 1]) in ms of the statuses seen since the previous call
     *         (since the start for the first), 0 without any
     */
    public synchronized long decisionToStatusPercentileSinceLast(double p) {
        return decisionToStatus.percentileSinceMark(p);
    }

    /** Latency samples in ms, growing as needed. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int count;

        void add(long ms) {
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = ms;
        }

        /** where the previous {@link #percentileSinceMark} call ended */
        private int mark;

        long percentile(double p) {
            return percentile(p, 0);
        }

        /** @return the percentile of the samples added since the previous call (all, the first time), 0 without any */
        long percentileSinceMark(double p) {
            long value = percentile(p, mark);
            mark = count;
            return value;
        }

        /** @return the percentile of the samples from index {@code from} on, 0 without any */
        private long percentile(double p, int from) {
            int n = count - from;
            if (n <= 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOfRange(values, from, count);
            Arrays.sort(sorted);
            return sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)];
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
