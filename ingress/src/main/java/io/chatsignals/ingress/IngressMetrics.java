package io.chatsignals.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * ingress's metrics: {@code chatsignals_ingress_requests_total{source,outcome}} (outcomes {@value #ACCEPTED},
 * {@value #DEAD_LETTERED}, {@value #UNAUTHORIZED}, {@value #REJECTED} — a client error: not JSON, wrong content type,
 * too large, too slow — and {@value #UNAVAILABLE}: 503), {@code chatsignals_ingress_records_total{source}},
 * {@code chatsignals_ingress_receipts_total} (entries of a webhook that are not messages: the Cloud API's statuses and
 * errors) and
 * {@code chatsignals_ingress_write_seconds{source}} (serialization and the broker's acknowledgement, with histogram
 * buckets). Every source × outcome counter is registered at 0, so a fresh deployment shows 0, not "no data".
 */
public final class IngressMetrics {
    static final String ACCEPTED = "accepted";
    static final String DEAD_LETTERED = "dead_lettered";
    static final String UNAUTHORIZED = "unauthorized";
    static final String REJECTED = "rejected";
    static final String UNAVAILABLE = "unavailable";
    /** Every source: each webhook provider's key, then {@code activity} and {@code policies} (the admin API). */
    static final List<String> SOURCES = Stream.concat(
                    WebhookSources.ALL.stream().map(WebhookSource::key),
                    Stream.of(IngressSettings.ACTIVITY, PolicyRoutes.SOURCE))
            .toList();

    private final MeterRegistry meters;

    /** Registers every counter at 0 and every timer, on {@code meters}. */
    public IngressMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (String source : SOURCES) {
            for (String outcome : new String[] {ACCEPTED, DEAD_LETTERED, UNAUTHORIZED, REJECTED, UNAVAILABLE}) {
                request(source, outcome, 0);
            }
            records(source, 0);
            timer(source);
        }
        meters.counter("chatsignals.ingress.receipts");
    }

    void request(String source, String outcome) {
        request(source, outcome, 1);
    }

    private void request(String source, String outcome, int n) {
        Counter.builder("chatsignals.ingress.requests")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(meters)
                .increment(n);
    }

    void records(String source, int n) {
        Counter.builder("chatsignals.ingress.records")
                .tag("source", source)
                .register(meters)
                .increment(n);
    }

    void receipts(int n) {
        meters.counter("chatsignals.ingress.receipts").increment(n);
    }

    void written(String source, long nanos) {
        timer(source).record(Duration.ofNanos(nanos));
    }

    private Timer timer(String source) {
        return Timer.builder("chatsignals.ingress.write")
                .tag("source", source)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }
}
