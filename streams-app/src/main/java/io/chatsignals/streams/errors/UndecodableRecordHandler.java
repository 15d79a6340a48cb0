package io.chatsignals.streams.errors;

import io.opentelemetry.context.Scope;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Kafka Streams deserialization exception handler: an undecodable input record is logged and sent to the dead-letter
 * queue ({@code errors.dead.letter.queue.topic.name}) by Kafka Streams' own {@link LogAndContinueExceptionHandler},
 * with its headers ({@code __streams.errors.*}: the reason and where from), counted as
 * {@code chatsignals.dlq{reason="undecodable"}};, the log line naming the record's trace ({@link RecordTrace}); processing resumes.
 */
public final class UndecodableRecordHandler implements DeserializationExceptionHandler {
    private final LogAndContinueExceptionHandler toDeadLetterQueue = new LogAndContinueExceptionHandler();
    private DeadLetterMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        toDeadLetterQueue.configure(configs);
        metrics = DeadLetterMetrics.from(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        try (Scope trace = RecordTrace.logContext(context.headers())) {
            Response response = toDeadLetterQueue.handleError(context, record, exception);
            metrics.undecodable();
            return response;
        }
    }
}
