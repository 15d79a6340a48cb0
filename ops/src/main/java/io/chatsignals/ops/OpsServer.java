package io.chatsignals.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operations endpoints of an app on one small HTTP server (the JDK's): {@code GET /metrics} (Prometheus text),
 * {@code GET /health/live} (200 while the liveness check passes, else 503: restart me), {@code GET /health/ready} (200
 * when the readiness check passes, else 503: send me no work).
 */
public final class OpsServer implements AutoCloseable {
    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param host  interface to bind (0.0.0.0 in containers, 127.0.0.1 in tests)
     * @param port  TCP port; 0 picks a free one
     * @param ready readiness check, called per request
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static OpsServer start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        return start(host, port, registry, () -> true, ready);
    }

    /**
     * @param live liveness check, called per request: false when the app cannot recover by itself (an orchestrator
     *             should restart it)
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static OpsServer start(
            String host, int port, PrometheusMeterRegistry registry, BooleanSupplier live, BooleanSupplier ready) {
        Gauge.builder("chatsignals.ready", ready, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 while /health/ready answers 200 (alerts: an app not ready)")
                .register(registry);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext(
                    "/metrics",
                    exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            server.createContext("/health/live", exchange -> health(exchange, live));
            server.createContext("/health/ready", exchange -> health(exchange, ready));
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ops-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new OpsServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the ops HTTP server to " + host + ":" + port, e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once. */
    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static void health(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean up;
        try {
            up = check.getAsBoolean();
        } catch (RuntimeException e) {
            up = false; // a check that cannot answer is down
        }
        send(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
