package io.chatsignals.ingress;

import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.ops.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * ingress's spans (docs/operations.md, "Tracing"; OpenTelemetry HTTP and messaging conventions): a SERVER span per
 * request, continuing the caller's {@code traceparent} when it sent one, named by its route ({@code POST
 * /webhooks/<key>}: never the path, which may carry NXCloud's token) and ended with its answer's status; and, per record
 * written, a PRODUCER {@code create} span whose context the record carries as its creation context
 * ({@link TraceHeaders}). With tracing off every method returns at once. Thread-safe.
 */
final class RequestTracing {
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");

    private static final TextMapGetter<HttpServerRequest> HEADERS = (request, key) -> request.getHeader(key);

    private final Tracing tracing;

    RequestTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /**
     * Starts the request's SERVER span, ended when the answer is sent; a no-op span when tracing is off.
     *
     * @param route the route as a template, e.g. {@code /webhooks/<key>/:tenant}
     * @return the span, the parent of the request's records
     */
    Span request(RoutingContext ctx, String route) {
        if (!tracing.enabled()) {
            return Span.getInvalid();
        }
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), ctx.request(), HEADERS);
        String method = ctx.request().method().name();
        Span span = tracing.tracer()
                .spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(ROUTE, route)
                .startSpan();
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            span.setAttribute(STATUS, (long) status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
        return span;
    }

    /** Gives the record its creation context: a {@code create} span under {@code parent}, written as its traceparent. */
    void created(Span parent, ProducerRecord<?, ?> record) {
        if (!tracing.enabled()) {
            return;
        }
        Span create = tracing.tracer()
                .spanBuilder("create " + record.topic())
                .setParent(Context.root().with(parent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "create")
                .startSpan();
        TraceHeaders.inject(create, record.headers());
        create.end();
    }
}
