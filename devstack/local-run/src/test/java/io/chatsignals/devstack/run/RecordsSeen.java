package io.chatsignals.devstack.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Every record a reader has consumed so far (contract records, {@link Stack#reader}), by type; each look polls once. */
final class RecordsSeen implements AutoCloseable {
    private final KafkaConsumer<byte[], Object> reader;
    private final List<Object> seen = new ArrayList<>();

    RecordsSeen(KafkaConsumer<byte[], Object> reader) {
        this.reader = reader;
    }

    /** @return the records of this type seen so far, after one more poll (up to 200 ms), in the order read */
    synchronized <T> List<T> of(Class<T> type) {
        reader.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
