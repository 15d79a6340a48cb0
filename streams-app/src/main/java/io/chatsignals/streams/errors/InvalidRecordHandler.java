package io.chatsignals.streams.errors;

import io.opentelemetry.context.Scope;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams processing exception handler: an {@link InvalidRecordException} is logged and the record goes to the
 * dead-letter queue ({@code errors.dead.letter.queue.topic.name}) with Streams' own headers
 * ({@code __streams.errors.message} = the reason, {@code __streams.errors.topic|partition|offset} = where from),
 * counted as {@code chatsignals.dlq{reason="invalid"}}, then, the log line naming the record's trace ({@link RecordTrace}); processing resumes; any other exception is a bug and
 * stops the application (log and fail).
 */
public final class InvalidRecordHandler implements ProcessingExceptionHandler {
    private final LogAndContinueProcessingExceptionHandler toDeadLetterQueue =
            new LogAndContinueProcessingExceptionHandler();
    private final LogAndFailProcessingExceptionHandler fail = new LogAndFailProcessingExceptionHandler();
    private DeadLetterMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        toDeadLetterQueue.configure(configs);
        fail.configure(configs);
        metrics = DeadLetterMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (!(exception instanceof InvalidRecordException)) {
            return fail.handleError(context, record, exception);
        }
        try (Scope trace = RecordTrace.logContext(context.headers())) {
            Response response = toDeadLetterQueue.handleError(context, record, exception);
            metrics.invalid();
            return response;
        }
    }
}
