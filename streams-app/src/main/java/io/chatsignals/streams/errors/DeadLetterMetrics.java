package io.chatsignals.streams.errors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;

/**
 * {@code chatsignals.dlq} (tag reason: {@code undecodable}, {@code invalid}): every record streams-app sends to the
 * inbound dead-letter queue, counted by the exception handler that sends it. Both counters are registered at 0 when
 * the app starts, so a fresh deployment's panel and alert see 0, not "no data". The handlers, which Kafka Streams
 * instantiates by class name, find this object in their configs under {@link #CONFIG}.
 */
public final class DeadLetterMetrics {
    /** The Kafka Streams config key under which {@link io.chatsignals.streams.StreamsApp} passes this object. */
    public static final String CONFIG = "chatsignals.dead.letter.metrics";
    /** A record that could not be deserialized (not Avro, unknown schema id, wrong wire format). */
    public static final String UNDECODABLE = "undecodable";
    /** A decoded record that breaks a validation rule (docs/design.md, decision rule 1). */
    public static final String INVALID = "invalid";

    private final Counter undecodable;
    private final Counter invalid;

    /** @param registry where the two counters are registered, at 0 */
    public DeadLetterMetrics(MeterRegistry registry) {
        this.undecodable = counter(registry, UNDECODABLE);
        this.invalid = counter(registry, INVALID);
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder("chatsignals.dlq")
                .description("records sent to the inbound dead-letter queue")
                .tag("reason", reason)
                .register(registry);
    }

    /** Counts one undecodable record sent to the DLQ. */
    public void undecodable() {
        undecodable.increment();
    }

    /** Counts one invalid record sent to the DLQ. */
    public void invalid() {
        invalid.increment();
    }

    /**
     * @param configs the configs Kafka Streams gives an exception handler
     * @return the metrics the app passed there, or a sink that counts nothing (a topology test without the app)
     */
    static DeadLetterMetrics from(Map<String, ?> configs) {
        Object metrics = configs.get(CONFIG);
        return metrics instanceof DeadLetterMetrics m ? m : new DeadLetterMetrics(new SimpleMeterRegistry());
    }
}
