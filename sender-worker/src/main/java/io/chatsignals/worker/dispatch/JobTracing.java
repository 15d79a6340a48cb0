package io.chatsignals.worker.dispatch;

import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.ops.Tracing;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Outcome;
import io.chatsignals.worker.provider.ProviderResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The worker's spans of a command (docs/operations.md, "Tracing"): a CONSUMER {@code process} span per command, the
 * child of the decision that made it (its record's {@code traceparent}) and the parent of everything below, ended when
 * its status is handed to the producer; a CLIENT span per provider call (attempt number, HTTP status, provider code,
 * the retry wait chosen after it); an INTERNAL span of the message-details lookup; the status record carrying the
 * process span's context. With tracing off every method returns at once and spans are the invalid no-op.
 */
public final class JobTracing {
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("chatsignals.provider");
    private static final AttributeKey<String> ACCOUNT = AttributeKey.stringKey("chatsignals.account");
    private static final AttributeKey<String> ACTION = AttributeKey.stringKey("chatsignals.action");
    private static final AttributeKey<String> COMMAND = AttributeKey.stringKey("chatsignals.command_id");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("chatsignals.outcome");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("chatsignals.attempt");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<Long> CODE = AttributeKey.longKey("chatsignals.provider_code");
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("chatsignals.result");
    private static final AttributeKey<Long> RETRY_WAIT = AttributeKey.longKey("chatsignals.retry_wait_ms");

    private final Tracing tracing;

    /** @param tracing the worker's tracing (off: every span is a no-op) */
    public JobTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /**
     * @param headers the command record's headers (its {@code traceparent}: the decision)
     * @param topic   the commands topic
     * @return the command's CONSUMER span, started; the invalid span when tracing is off
     */
    public Span process(Headers headers, ChatCommand command, String topic) {
        if (!tracing.enabled()) {
            return Span.getInvalid();
        }
        return tracing.tracer()
                .spanBuilder("process " + topic)
                .setParent(TraceHeaders.extract(headers))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "process")
                .setAttribute(PROVIDER, ProviderSpecs.of(command.getProvider()).key())
                .setAttribute(ACCOUNT, command.getAccount())
                .setAttribute(ACTION, command.getAction().name())
                .setAttribute(COMMAND, command.getCommandId())
                .startSpan();
    }

    /** @return the CLIENT span of the job's next provider call, started under its process span */
    Span attempt(Job<?> job) {
        if (!tracing.enabled()) {
            return Span.getInvalid();
        }
        ChatCommand c = job.command;
        return tracing.tracer()
                .spanBuilder(ProviderSpecs.of(c.getProvider()).key() + " "
                        + c.getAction().name())
                .setParent(Context.root().with(job.span))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(ATTEMPT, (long) job.attempts)
                .startSpan();
    }

    /**
     * Ends a provider call's span with its answer.
     *
     * @param retryWaitNanos the wait before the next attempt, or a negative number when the job is not retried
     */
    static void attempted(Span span, ProviderResult result, long retryWaitNanos) {
        if (!span.getSpanContext().isValid()) {
            return;
        }
        if (result.httpStatus() != null) {
            span.setAttribute(STATUS, (long) result.httpStatus());
        }
        if (result.code() != null) {
            span.setAttribute(CODE, (long) result.code());
        }
        span.setAttribute(RESULT, result.kind().name());
        if (retryWaitNanos >= 0) {
            span.setAttribute(RETRY_WAIT, retryWaitNanos / 1_000_000);
        }
        if (result.kind() != ProviderResult.Kind.SUCCESS) {
            span.setStatus(StatusCode.ERROR, String.valueOf(result.message()));
        }
        span.end();
    }

    /** @return an INTERNAL span of a message-details lookup under the job's process span */
    public Span lookup(Job<?> job) {
        if (!tracing.enabled()) {
            return Span.getInvalid();
        }
        return tracing.tracer()
                .spanBuilder(
                        "enrich " + ProviderSpecs.of(job.command.getProvider()).key())
                .setParent(Context.root().with(job.span))
                .startSpan();
    }

    /**
     * Ends the job's process span with its outcome.
     *
     * @return the status record's headers: the process span's {@code traceparent}, none when tracing is off
     */
    public static Headers finished(Job<?> job, Outcome outcome) {
        Headers headers = new RecordHeaders();
        Span span = job.span;
        if (span.getSpanContext().isValid()) {
            span.setAttribute(OUTCOME, outcome.name());
            if (outcome == Outcome.FAILED || outcome == Outcome.EXPIRED) {
                span.setStatus(StatusCode.ERROR, outcome.name());
            }
            TraceHeaders.inject(span, headers);
            span.end();
        }
        return headers;
    }
}
