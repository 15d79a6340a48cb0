package io.chatsignals.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Prometheus meter registry of an app, with Micrometer's JVM and process binders registered. Every
 * {@code chatsignals.*} timer publishes histogram buckets ({@link #LATENCY_BUCKETS}), so dashboards and alerts compute
 * quantiles across replicas with {@code histogram_quantile} over {@code _seconds_bucket}.
 */
public final class Metrics {
    /** Bucket bounds of every chat-signals timer: 5 ms to 60 s, covering provider calls, limiter waits and punctuation lag. */
    public static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private Metrics() {}

    /** Gives every {@code chatsignals.*} timer the histogram buckets {@link #LATENCY_BUCKETS}. */
    static MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("chatsignals.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(Arrays.stream(LATENCY_BUCKETS)
                                .mapToDouble(d -> d.toNanos())
                                .toArray())
                        .build()
                        .merge(config);
            }
        };
    }

    /**
     * Kafka Streams tags a state store's metrics by the store's kind — {@code rocksdb-state-id} for key-value stores,
     * {@code rocksdb-window-state-id} for window stores, {@code in-memory-state-id}, … — while Prometheus requires every
     * meter of one name to have the same tag keys: the meters of the second kind registered (the dedupe window store's)
     * were refused and never reached {@code /metrics}. Every such tag becomes {@code state.id}, with the kind in
     * {@code store.type} ({@code rocksdb}, {@code rocksdb.window}, …).
     */
    static MeterFilter stateStoreTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("kafka.stream.state")) {
                    return id;
                }
                List<Tag> tags = new ArrayList<>();
                boolean renamed = false;
                for (Tag tag : id.getTagsAsIterable()) {
                    String key = tag.getKey().replace('-', '.');
                    if (key.endsWith(".state.id")) {
                        tags.add(Tag.of("state.id", tag.getValue()));
                        tags.add(Tag.of("store.type", key.substring(0, key.length() - ".state.id".length())));
                        renamed = true;
                    } else {
                        tags.add(tag);
                    }
                }
                return renamed ? id.replaceTags(tags) : id;
            }
        };
    }

    /**
     * @param application value of the {@code application} tag on every meter (e.g. {@code streams-app})
     * @return a registry whose {@code scrape()} is served on {@code /metrics}; close it with the app (stops the GC binder)
     */
    public static PrometheusMeterRegistry prometheus(String application) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config()
                .commonTags("application", application)
                .meterFilter(stateStoreTags())
                .meterFilter(latencyHistograms());
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return registry;
    }
}
