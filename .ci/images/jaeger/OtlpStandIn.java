import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CI only: a stand-in for jaegertracing/jaeger (no registry serves it here), run by the JDK's source launcher. It
 * takes OTLP/HTTP trace exports on :4318 ({@code POST /v1/traces}, protobuf), counts the spans of each
 * {@code service.name}, and answers the one query of Jaeger's HTTP API that CI asks, {@code GET /api/services} on
 * :16686, in Jaeger's shape ({@code {"data":[...],"total":n}}). Nothing else of Jaeger.
 */
public final class OtlpStandIn {
    private static final Map<String, AtomicLong> SPANS = new ConcurrentSkipListMap<>();

    public static void main(String[] args) throws IOException {
        HttpServer otlp = HttpServer.create(new InetSocketAddress(4318), 64);
        otlp.createContext("/v1/traces", OtlpStandIn::export);
        otlp.start();
        HttpServer query = HttpServer.create(new InetSocketAddress(16686), 16);
        query.createContext("/api/services", OtlpStandIn::services);
        query.start();
        System.out.println("OTLP/HTTP on :4318, /api/services on :16686");
    }

    private static void export(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "text/plain", new byte[0]);
            return;
        }
        try {
            // ExportTraceServiceRequest: 1 resource_spans { 1 resource { 1 attributes KeyValue }, 2 scope_spans { 2 spans } }
            for (ByteBuffer resourceSpans : fields(ByteBuffer.wrap(body), 1)) {
                String service = "unknown";
                for (ByteBuffer resource : fields(resourceSpans.duplicate(), 1)) {
                    for (ByteBuffer attribute : fields(resource, 1)) {
                        String key = string(fields(attribute.duplicate(), 1));
                        if ("service.name".equals(key)) {
                            service = string(fields(fields(attribute, 2).stream().findFirst().orElseThrow(), 1));
                        }
                    }
                }
                long spans = 0;
                for (ByteBuffer scopeSpans : fields(resourceSpans, 2)) {
                    spans += fields(scopeSpans, 2).size();
                }
                SPANS.computeIfAbsent(service, s -> new AtomicLong()).addAndGet(spans);
                System.out.println("spans from " + service + ": " + spans);
            }
        } catch (RuntimeException e) {
            answer(exchange, 400, "text/plain", ("not an OTLP trace export: " + e).getBytes(StandardCharsets.UTF_8));
            return;
        }
        answer(exchange, 200, "application/x-protobuf", new byte[0]); // an empty ExportTraceServiceResponse
    }

    private static void services(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        StringBuilder json = new StringBuilder("{\"data\":[");
        String separator = "";
        for (String service : SPANS.keySet()) {
            json.append(separator).append('"').append(service).append('"');
            separator = ",";
        }
        json.append("],\"total\":").append(SPANS.size()).append('}');
        answer(exchange, 200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** @return the length-delimited fields numbered {@code number} of one protobuf message (others skipped) */
    private static java.util.List<ByteBuffer> fields(ByteBuffer message, int number) {
        java.util.List<ByteBuffer> out = new java.util.ArrayList<>();
        while (message.hasRemaining()) {
            long tag = varint(message);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> varint(message);
                case 1 -> message.position(message.position() + 8);
                case 5 -> message.position(message.position() + 4);
                case 2 -> {
                    int length = (int) varint(message);
                    ByteBuffer value = message.slice(message.position(), length);
                    message.position(message.position() + length);
                    if ((tag >>> 3) == number) {
                        out.add(value);
                    }
                }
                default -> throw new IllegalArgumentException("wire type " + wireType);
            }
        }
        return out;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static String string(java.util.List<ByteBuffer> values) {
        if (values.isEmpty()) {
            return null;
        }
        ByteBuffer value = values.get(0);
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
