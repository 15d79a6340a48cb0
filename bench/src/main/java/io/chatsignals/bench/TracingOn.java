package io.chatsignals.bench;

import com.sun.net.httpserver.HttpServer;
import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmark with tracing on, as a deployment runs it: the apps' OpenTelemetry SDK installed by {@link Tracing#install}
 * with {@code parentbased_traceidratio} sampling at the given ratio, exporting OTLP over HTTP/protobuf (batched) to a
 * collector on the loopback that reads and drops each export; the inbound records carry a creation context each, as
 * ingress gives them. So the cost measured is the spans, the links kept in state, the headers, the batching and the
 * serialization, everything but a real collector's own work.
 */
final class TracingOn implements AutoCloseable {
    private final HttpServer collector;
    private final AutoCloseable sdk;
    private final AtomicLong exportedBytes = new AtomicLong();

    private TracingOn(double ratio) throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        collector.createContext("/", exchange -> {
            exportedBytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        sdk = Tracing.install(
                "bench",
                AppConfig.of(Map.of(
                        "otel.sdk.disabled",
                        "false",
                        "otel.traces.sampler",
                        "parentbased_traceidratio",
                        "otel.traces.sampler.arg",
                        Double.toString(ratio),
                        "otel.exporter.otlp.endpoint",
                        "http://127.0.0.1:" + collector.getAddress().getPort())));
    }

    /**
     * @param ratio the share of traces sampled, 0–1 (e.g. 0.1); negative: tracing stays off
     * @return tracing on for the rest of the run, or null when off
     */
    static TracingOn at(double ratio) throws IOException {
        return ratio < 0 ? null : new TracingOn(ratio);
    }

    /**
     * Gives a record the creation context ingress would (a {@code PRODUCER} span, sampled or not, in its
     * {@code traceparent}); nothing with tracing off.
     *
     * @return the record
     */
    static <K, V> ProducerRecord<K, V> created(Tracing tracing, ProducerRecord<K, V> record) {
        if (tracing.enabled()) {
            Span span = tracing.tracer()
                    .spanBuilder("create " + record.topic())
                    .setSpanKind(SpanKind.PRODUCER)
                    .startSpan();
            TraceHeaders.inject(span, record.headers());
            span.end();
        }
        return record;
    }

    /** @return the tracing of a producing run: look it up once, then give each record to {@link #created} */
    static Tracing tracing() {
        return Tracing.current("io.chatsignals.bench");
    }

    /** @return bytes of OTLP exported so far */
    long exportedBytes() {
        return exportedBytes.get();
    }

    @Override
    public void close() throws Exception {
        sdk.close();
        collector.stop(0);
    }
}
