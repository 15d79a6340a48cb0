package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.ingress.IngressMetrics;
import io.chatsignals.ops.Metrics;
import io.chatsignals.ops.OpsServer;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.chatsignals.streams.decide.DecisionMetrics;
import io.chatsignals.streams.errors.DeadLetterMetrics;
import io.chatsignals.worker.WorkerMetrics;
import io.chatsignals.worker.provider.ProviderResult;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules query what the apps publish: every {@code chatsignals_*} series
 * they name exists in the apps' Prometheus scrape once each metric has been recorded, with every label they group by
 * or match on. A renamed meter or tag would otherwise leave a panel empty and an alert silent.
 */
class DashboardMetricsTest {
    private static final Path DOCKER = Path.of("..", "..", "docker");
    private static final Pattern SERIES = Pattern.compile("(chatsignals_[a-z_]+)(\\{([^}]*)})?");
    private static final Pattern BY =
            Pattern.compile("by \\(([^)]*)\\) \\((?:rate|increase)?\\(?(chatsignals_[a-z_]+)");
    private static final Pattern LINE = Pattern.compile("^([a-z_]+)(\\{([^}]*)})? ");

    @Test
    void everySeriesAndLabelTheDashboardAndAlertsUseIsPublished() throws Exception {
        Map<String, Set<String>> published = new HashMap<>();
        scrape(worker(), published);
        scrape(streams(), published);
        scrape(ingress(), published);
        String queries = Files.readString(DOCKER.resolve("grafana/dashboards/chat-signals.json"))
                + Files.readString(DOCKER.resolve("prometheus/alerts.yml"));
        queries = queries.replace("\\\"", "\"");
        Matcher series = SERIES.matcher(queries);
        int checked = 0;
        while (series.find()) {
            String name = series.group(1);
            assertThat(published).as("series " + name + " is published").containsKey(name);
            if (series.group(3) != null) {
                for (String matcher : series.group(3).split(",")) {
                    String label = matcher.replaceAll("[=~!].*", "").trim();
                    assertThat(published.get(name))
                            .as(name + " has label " + label)
                            .contains(label);
                }
            }
            checked++;
        }
        Matcher by = BY.matcher(queries);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                assertThat(published.get(by.group(2)))
                        .as(by.group(2) + " grouped by " + label.trim())
                        .contains(label.trim());
            }
        }
        assertThat(checked).as("series named by the dashboard and alerts").isGreaterThan(15);
    }

    /** A fresh deployment's DLQ panel and alert see 0 for each reason in both apps, not "no data". */
    @Test
    void theDeadLetterCountersExistAtZeroFromTheStart() {
        PrometheusMeterRegistry worker = Metrics.prometheus("sender-worker");
        new WorkerMetrics(worker);
        PrometheusMeterRegistry streams = Metrics.prometheus("streams-app");
        new DeadLetterMetrics(streams);
        for (String reason : List.of("undecodable", "invalid")) {
            assertThat(worker.scrape())
                    .contains("chatsignals_dlq_total{application=\"sender-worker\",reason=\"" + reason + "\"} 0.0");
            assertThat(streams.scrape())
                    .contains("chatsignals_dlq_total{application=\"streams-app\",reason=\"" + reason + "\"} 0.0");
        }
    }

    /** A worker's meters with one of each recording the dashboard shows (as the worker records them). */
    private static PrometheusMeterRegistry worker() {
        PrometheusMeterRegistry registry = Metrics.prometheus("sender-worker");
        WorkerMetrics metrics = new WorkerMetrics(registry);
        metrics.gauges(() -> 1, () -> 2, () -> 0);
        metrics.pausedPartitions(() -> 0);
        metrics.consumerGauges(() -> 3, () -> 0);
        ChatCommand c = command();
        metrics.httpCall(c, ProviderResult.success(200, null), 40_000_000L);
        metrics.retry(c);
        metrics.providerRateLimited(c);
        metrics.rateLimiterWait(1_000_000L);
        metrics.command(c, Outcome.SUCCEEDED);
        metrics.enrichment(Enrichment.ENRICHED);
        metrics.deadLetter("invalid");
        OpsServer.start("127.0.0.1", 0, registry, () -> true).close(); // registers chatsignals_ready
        return registry;
    }

    /** streams-app's decision meters with one of each recording. */
    private static PrometheusMeterRegistry streams() {
        PrometheusMeterRegistry registry = Metrics.prometheus("streams-app");
        DecisionMetrics metrics = new DecisionMetrics(registry);
        metrics.decision(CommandAction.MARK_READ, Trigger.ON_RECEIPT, Provider.NXCLOUD, PolicySource.ACCOUNT);
        metrics.skip("invalid", Provider.NXCLOUD);
        metrics.punctuationLag(120);
        metrics.purged();
        new DeadLetterMetrics(registry);
        return registry;
    }

    /** ingress's meters as it registers them at start: every counter at 0, every write timer. */
    private static PrometheusMeterRegistry ingress() {
        PrometheusMeterRegistry registry = Metrics.prometheus("ingress");
        new IngressMetrics(registry);
        return registry;
    }

    /** Adds each series of the scrape with its label names. */
    private static void scrape(PrometheusMeterRegistry registry, Map<String, Set<String>> out) {
        for (String line : registry.scrape().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Set<String> labels = out.computeIfAbsent(m.group(1), k -> new HashSet<>());
            if (m.group(3) != null) {
                for (String pair : m.group(3).split("\",")) {
                    labels.add(pair.substring(0, pair.indexOf('=')).trim());
                }
            }
        }
    }

    private static ChatCommand command() {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        return ChatCommand.newBuilder()
                .setCommandId("c-1")
                .setAction(CommandAction.MARK_READ)
                .setProvider(Provider.EIGHT_BY_EIGHT)
                .setAccount("acme")
                .setChannel("whatsapp")
                .setCustomer("+15550000001")
                .setMessageId("m-1")
                .setInboundAt(now)
                .setDecidedAt(now)
                .setNotAfter(now.plus(Duration.ofMinutes(1)))
                .setTrigger(Trigger.ON_RECEIPT)
                .build();
    }
}
