package io.chatsignals.ingress;

import io.chatsignals.contract.DlqHeaders;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Writes one request's records and waits for the broker's acknowledgement of every one (idempotent producer,
 * {@code acks=all}): the caller answers 200 only once {@link #write} returned. Blocking: run it off the event loop.
 * Thread-safe (the Kafka producer and the serializer are).
 */
final class DurableWriter {
    /** One record to write: its topic, its key (the conversation) and its contract value (null: a tombstone). */
    record Out(String topic, String key, SpecificRecord value) {}

    private final Producer<String, byte[]> producer;
    private final KafkaAvroSerializer<SpecificRecord> serializer;
    private final RequestTracing tracing;

    DurableWriter(
            Producer<String, byte[]> producer, KafkaAvroSerializer<SpecificRecord> serializer, RequestTracing tracing) {
        this.producer = producer;
        this.serializer = serializer;
        this.tracing = tracing;
    }

    /**
     * Serializes and sends every record, then waits for all acknowledgements.
     *
     * @param timeout the whole wait: serialization (a registry look-up), the producer's buffer and the broker
     * @param request the request's span: each record's creation context is a child of it
     * @return where each record landed, in order
     * @throws Unavailable when the registry or the broker did not take every record within the timeout (answer 503:
     *                     the provider retries, and streams-app drops the copies a partial write leaves)
     */
    List<RecordMetadata> write(List<Out> records, Duration timeout, Span request) throws Unavailable {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (Out r : records) {
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(r.topic(), r.key(), serializer.serialize(r.topic(), r.value()));
                tracing.created(request, record);
                acks.add(producer.send(record));
            }
        } catch (RuntimeException e) { // registry unavailable, producer buffer full past max.block.ms, broker errors
            throw new Unavailable("not written: " + e.getMessage(), e);
        }
        return awaitAll(acks, deadline);
    }

    /** Writes a webhook's raw bytes to the DLQ with the reason; waits for the acknowledgement as {@link #write} does. */
    void deadLetter(String topic, String source, byte[] body, String reason, Duration timeout, Span request)
            throws Unavailable {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, body);
        record.headers().add(new RecordHeader(DlqHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(DlqHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8)));
        tracing.created(request, record);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            acks.add(producer.send(record));
        } catch (RuntimeException e) {
            throw new Unavailable("not written: " + e.getMessage(), e);
        }
        awaitAll(acks, System.nanoTime() + timeout.toNanos());
    }

    private static List<RecordMetadata> awaitAll(List<Future<RecordMetadata>> acks, long deadline) throws Unavailable {
        List<RecordMetadata> written = new ArrayList<>();
        try {
            for (Future<RecordMetadata> ack : acks) {
                written.add(ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return written;
        } catch (TimeoutException e) {
            throw new Unavailable("the broker did not acknowledge in time", e);
        } catch (ExecutionException e) {
            throw new Unavailable("the broker refused the write: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the broker", e);
        }
    }

    /** The records were not all acknowledged: a transient failure, answered 503 so that the sender retries. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
