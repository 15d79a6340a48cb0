package io.chatsignals.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.contract.DlqHeaders;
import io.chatsignals.contract.Schemas.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlq replay}: republishes dead-lettered records to the topic they came from, after the cause is fixed (a
 * schema registered, a setting corrected). The source topic, partition, offset and reason come from the DLQ headers:
 * Kafka Streams' {@code __streams.errors.*} ({@code chat.inbound.dlq.v1}) or the worker's {@code chatsignals.dlq.*}
 * ({@code chat.commands.dlq.v1}). Key, value and the record's own headers are sent as they were; the DLQ headers are
 * replaced by {@code chatsignals.replayed-from} ({@code <dlq>-<partition>@<offset>}). Reads the DLQ up to its end at the
 * start (no consumer group: run it again after a partial replay with {@code --from-offset}). {@code --dry-run} prints
 * what would be sent, one JSON line per record, and sends nothing.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Republish DLQ records to their source topic.")
final class DlqReplayCommand implements Callable<Integer> {
    static final String STREAMS_PREFIX = "__streams.errors.";
    static final String WORKER_PREFIX = DlqHeaders.PREFIX;
    static final String REPLAYED_FROM = "chatsignals.replayed-from";

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--dlq",
            defaultValue = Topics.INBOUND_DLQ,
            description = "the DLQ topic; default ${DEFAULT-VALUE} " + "(or " + Topics.COMMANDS_DLQ + ")")
    String dlq;

    @Option(
            names = "--reason",
            description = "only records whose reason matches this regular expression (found anywhere in it)")
    Pattern reason;

    @Option(names = "--source-topic", description = "only records that came from this topic")
    String sourceTopic;

    @Option(
            names = "--from-offset",
            defaultValue = "0",
            description = "only DLQ records at or past this offset (every partition)")
    long fromOffset;

    @Option(names = "--dry-run", description = "print what would be replayed; send nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] counts = new int[3]; // replayed, skipped by filter, without source
        try (TopicReader reader = new TopicReader(cluster.client(Map.of()), dlq, false);
                KafkaProducer<byte[], byte[]> producer = dryRun
                        ? null
                        : new KafkaProducer<>(
                                cluster.client(Map.of(
                                        ProducerConfig.ACKS_CONFIG,
                                        "all",
                                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                        "true")),
                                new ByteArraySerializer(),
                                new ByteArraySerializer())) {
            reader.read(false, record -> {
                String source = header(record, STREAMS_PREFIX + "topic", WORKER_PREFIX + "topic");
                String why = header(record, STREAMS_PREFIX + "message", WORKER_PREFIX + "reason");
                if (source == null) {
                    err.println(where(record) + " has no source-topic header: not replayed");
                    counts[2]++;
                } else if (record.offset() < fromOffset
                        || sourceTopic != null && !sourceTopic.equals(source)
                        || reason != null
                                && (why == null || !reason.matcher(why).find())) {
                    counts[1]++;
                } else {
                    replay(record, source, why, producer, out);
                    counts[0]++;
                }
                return true;
            });
            if (producer != null) {
                producer.flush();
            }
        }
        out.println((dryRun ? "would replay=" : "replayed=") + counts[0] + " filtered=" + counts[1] + " no-source="
                + counts[2]);
        out.flush();
        err.flush();
        return counts[2] == 0 ? 0 : 1;
    }

    private void replay(
            ConsumerRecord<byte[], byte[]> record,
            String source,
            String why,
            KafkaProducer<byte[], byte[]> producer,
            PrintWriter out) {
        if (producer == null) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("dlq", where(record));
            line.put("to", source);
            line.put("reason", why);
            line.put("valueBytes", record.value() == null ? 0 : record.value().length);
            out.println(line);
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith(STREAMS_PREFIX) && !h.key().startsWith(WORKER_PREFIX)) {
                headers.add(h);
            }
        }
        headers.add(REPLAYED_FROM, where(record).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(source, null, record.key(), record.value(), headers))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + where(record), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not replay " + where(record) + " to " + source + ": " + e.getCause(), e.getCause());
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** @return the value of the first of the headers present, or null */
    private static String header(ConsumerRecord<?, ?> record, String... keys) {
        for (String key : keys) {
            Header h = record.headers().lastHeader(key);
            if (h != null && h.value() != null) {
                return new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
