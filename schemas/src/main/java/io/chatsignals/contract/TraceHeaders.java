package io.chatsignals.contract;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace context a record carries (OpenTelemetry messaging conventions; W3C Trace Context): the {@code traceparent}
 * (and {@code tracestate}) header of an inbound record is the creation context of its message, that of a command the
 * decision span, that of a status the worker's span of the command. A record without one, or with a malformed one, is
 * processed the same and simply starts no link: extraction never throws. Stateless.
 */
public final class TraceHeaders {
    /** The W3C header names, as Kafka header keys. */
    public static final String TRACEPARENT = "traceparent";

    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> GETTER = (carrier, key) -> {
        Header h = carrier == null ? null : carrier.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    };

    private static final TextMapGetter<Map<String, String>> MAP_GETTER =
            (carrier, key) -> carrier == null ? null : carrier.get(key);

    private static final TextMapSetter<Headers> SETTER = (carrier, key, value) -> {
        carrier.remove(key);
        carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private TraceHeaders() {}

    /** Writes the span's context as the record's {@code traceparent}, replacing one it had. */
    public static void inject(Span span, Headers headers) {
        W3C.inject(Context.root().with(span), headers, SETTER);
    }

    /** @return the context the headers carry, as a parent; the root context when they carry none or a malformed one */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** @return the span context the headers carry; invalid when none or malformed */
    public static SpanContext spanContext(Headers headers) {
        return Span.fromContext(extract(headers)).getSpanContext();
    }

    /** @return the {@code traceparent} of a span context, to keep it beyond its record (state); null when invalid */
    public static String traceparent(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        W3C.inject(Context.root().with(Span.wrap(context)), out, Map::put);
        return out.get(TRACEPARENT);
    }

    /** @return the span context of a kept {@code traceparent}; invalid when it is malformed */
    public static SpanContext parse(String traceparent) {
        Map<String, String> carrier = Map.of(TRACEPARENT, traceparent == null ? "" : traceparent);
        return Span.fromContext(W3C.extract(Context.root(), carrier, MAP_GETTER))
                .getSpanContext();
    }
}
