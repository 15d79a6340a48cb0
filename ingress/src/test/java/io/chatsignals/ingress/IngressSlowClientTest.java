package io.chatsignals.ingress;

import static io.chatsignals.ingress.IngressHarness.AUTH_8X8;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients cost bounded time: a body that stops arriving is answered 408 within
 * {@code server.request-timeout}, and a connection that sends nothing is closed after {@code server.idle-timeout};
 * nothing is written.
 */
@KafkaStack
class IngressSlowClientTest {

    @Test
    void aBodyThatStopsArrivingIsAnswered408AndAnIdleConnectionIsClosed(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        try (IngressHarness h = new IngressHarness(
                kafka, registry, Map.of("server.request-timeout", "1s", "server.idle-timeout", "2s"))) {
            try (Socket slow = new Socket("127.0.0.1", h.app.port())) {
                slow.setSoTimeout(10_000);
                OutputStream out = slow.getOutputStream();
                out.write(("POST /webhooks/8x8 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Authorization: " + AUTH_8X8 + "\r\nContent-Length: 500\r\n\r\n{\"eventType\":")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long started = System.nanoTime();
                String status = firstLine(slow.getInputStream());
                assertThat(status).startsWith("HTTP/1.1 408");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
            try (Socket idle = new Socket("127.0.0.1", h.app.port())) {
                idle.setSoTimeout(10_000);
                long started = System.nanoTime();
                assertThat(idle.getInputStream().read())
                        .as("closed by the server")
                        .isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            }
            assertThat(h.records("8x8")).isEmpty();
            assertThat(h.raw("dlq")).isEmpty();
        }
    }

    /**
     * Headers that arrive a byte at a time (a "slowloris" client) are bounded by {@code server.request-timeout} too: 408
     * once it is up, not a silent close at the idle timeout.
     */
    @Test
    void headersThatArriveAByteAtATimeAreAnswered408WithinTheRequestTimeout(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        try (IngressHarness h = new IngressHarness(
                kafka, registry, Map.of("server.request-timeout", "2s", "server.idle-timeout", "30s"))) {
            try (Socket slow = new Socket("127.0.0.1", h.app.port())) {
                slow.setSoTimeout(20_000);
                OutputStream out = slow.getOutputStream();
                byte[] head = ("POST /webhooks/8x8 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Authorization: " + AUTH_8X8 + "\r\nX-Padding: " + "p".repeat(200) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                long started = System.nanoTime();
                String status;
                ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
                AtomicInteger sent = new AtomicInteger();
                try {
                    dribble.scheduleAtFixedRate( // 10 bytes/s: the head would take 30 s
                            () -> {
                                int i = sent.getAndIncrement();
                                try {
                                    if (i < head.length) {
                                        out.write(head[i]);
                                        out.flush();
                                    }
                                } catch (IOException closed) {
                                    // the server answered and closed: expected
                                }
                            },
                            0,
                            100,
                            TimeUnit.MILLISECONDS);
                    status = firstLine(slow.getInputStream());
                } finally {
                    dribble.shutdownNow();
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(status).startsWith("HTTP/1.1 408");
                assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
            }
            assertThat(h.records("8x8")).isEmpty();
        }
    }

    private static String firstLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().trim();
    }
}
