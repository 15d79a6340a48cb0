package io.chatsignals.ops;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Distributed tracing (docs/operations.md, "Tracing"), off by default and free when off: every app asks
 * {@link #current(String)} for its tracer, which is OpenTelemetry's global instance when one is installed — by
 * {@link #install} from the {@code otel.*} settings and {@code OTEL_*} environment (the SDK's autoconfiguration: OTLP
 * export, sampler, resource), by the OpenTelemetry Java agent, or by a test — and otherwise a no-op whose
 * {@link #enabled()} is false, so the apps skip every header read and write. Thread-safe.
 */
public final class Tracing {
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
    /** MDC keys of the current span in log lines (JSON logs: the {@code mdc} object). */
    public static final String TRACE_ID = "trace_id";

    public static final String SPAN_ID = "span_id";

    private final Tracer tracer;
    private final boolean enabled;

    private Tracing(Tracer tracer, boolean enabled) {
        this.tracer = tracer;
        this.enabled = enabled;
    }

    /**
     * @param scope the instrumentation scope, e.g. {@code io.chatsignals.ingress}
     * @return the tracer of the installed OpenTelemetry, or a no-op one (then {@link #enabled()} is false)
     */
    public static Tracing current(String scope) {
        boolean enabled = GlobalOpenTelemetry.isSet();
        return new Tracing(GlobalOpenTelemetry.getOrNoop().getTracer(scope), enabled);
    }

    /** @return whether spans are recorded and trace context travels in record headers */
    public boolean enabled() {
        return enabled;
    }

    /** @return the tracer (a no-op one when tracing is off) */
    public Tracer tracer() {
        return tracer;
    }

    /**
     * Installs the OpenTelemetry SDK as the global instance when {@code otel.sdk.disabled} is {@code false} (a setting
     * or {@code OTEL_SDK_DISABLED}; default {@code true}: off), configured by the SDK's autoconfiguration from the
     * {@code otel.*} settings and {@code OTEL_*} variables (those win), with {@code otel.service.name} defaulting to the
     * app, OTLP over HTTP/protobuf and metrics and logs export off (Prometheus has the metrics). Does nothing when a global instance is already
     * installed (the Java agent: its SDK records the apps' spans).
     *
     * @param service the app's name
     * @return what to close at shutdown (flushes the spans not yet exported); a no-op when nothing was installed
     * @throws IllegalArgumentException for an {@code otel.*} setting the autoconfiguration refuses
     */
    public static AutoCloseable install(String service, AppConfig config) {
        if (GlobalOpenTelemetry.isSet()) {
            LOG.info(
                    "tracing: an OpenTelemetry instance is already installed (the Java agent?): its SDK records spans");
            return () -> {};
        }
        Map<String, String> settings = new HashMap<>();
        config.withPrefix("otel").forEach((k, v) -> settings.put("otel." + k, v));
        // AppConfig reads OTEL_* variables as otel.* keys too
        if (!"false"
                .equals(settings.getOrDefault("otel.sdk.disabled", "true")
                        .trim()
                        .toLowerCase(Locale.ROOT))) {
            return () -> {};
        }
        // OTLP over HTTP/protobuf (:4318) unless told otherwise: the specification's default, not the Java SDK's (gRPC)
        Map<String, String> defaults = new HashMap<>(Map.of(
                "otel.service.name",
                service,
                "otel.exporter.otlp.protocol",
                "http/protobuf",
                "otel.metrics.exporter",
                "none",
                "otel.logs.exporter",
                "none"));
        defaults.putAll(settings);
        defaults.put("otel.sdk.disabled", "false");
        try {
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> defaults)
                    .disableShutdownHook()
                    .setResultAsGlobal()
                    .build()
                    .getOpenTelemetrySdk();
            LOG.info(
                    "tracing on: service {}, exporter {}",
                    defaults.get("otel.service.name"),
                    defaults.getOrDefault("otel.traces.exporter", "otlp"));
            return sdk::close;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("otel.*: " + e.getMessage(), e);
        }
    }

    /**
     * Puts the span's ids in the MDC for as long as the returned scope is open (log lines name the trace); restores
     * what was there.
     */
    public static Scope logContext(Span span) {
        return logContext(span.getSpanContext());
    }

    /**
     * Puts a span context's ids (a record's creation context, say) in the MDC for as long as the returned scope is
     * open; an invalid context puts nothing. Restores what was there.
     */
    public static Scope logContext(SpanContext context) {
        if (!context.isValid()) {
            return Scope.noop();
        }
        String previousTrace = MDC.get(TRACE_ID);
        String previousSpan = MDC.get(SPAN_ID);
        MDC.put(TRACE_ID, context.getTraceId());
        MDC.put(SPAN_ID, context.getSpanId());
        return () -> {
            restore(TRACE_ID, previousTrace);
            restore(SPAN_ID, previousSpan);
        };
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
