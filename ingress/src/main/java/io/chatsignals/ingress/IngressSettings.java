package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Checks;
import io.chatsignals.ops.Launcher;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.serde.SerdeConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every setting of ingress, checked in this one place (docs/configuration.md, "ingress"). Each provider's webhook routes come from its
 * {@link WebhookSource}, which reads its secrets as secrets ({@link AppConfig#secret}: the value, or a file named by
 * {@code <key>-file}; never logged): a provider whose secret is unset has no endpoint (404), so no unverified webhook
 * is ever accepted. Each webhook secret may also be given per tenant ({@code <key>.<tenant>}, a tenant name of
 * letters, digits and {@code -}): the tenant's endpoint is the provider's path followed by {@code /<tenant>}, for
 * businesses with several accounts of one provider and their secrets.
 *
 * @param mapping         the declarative settings
 * @param registry        serde settings ({@code schema.registry.url} and the other serde keys)
 * @param routes          per webhook provider's key ({@link WebhookSources#ALL}, in its order): the routes its
 *                        configured secrets open
 * @param inboundTopics   per webhook provider's key, {@code topic.inbound-<key>}: where its records go (default: the
 *                        provider's topic, docs/design.md "Topics")
 * @param activityTokens  {@code activity.token.<client>}: the bearer token of each helpdesk client of the activity API
 * @param adminTokens     {@code admin.token.<client>}: the bearer token of each client of the policy admin API
 *                        ({@code /v1/policies}), a scope of its own: an activity token opens nothing there
 * @param kafka           {@code kafka.*} producer settings, prefix removed (security, client id, …); the durability
 *                        settings are fixed over them
 * @param produceTimeouts per path segment (each provider's key, {@code activity}, {@code policies}): how long a request waits for the
 *                        broker's acknowledgement ({@code produce.timeout.<key>}, else the provider's default, else
 *                        {@code produce.timeout})
 */
public record IngressSettings(
        IngressConfig mapping,
        Map<String, Object> registry,
        Map<String, List<WebhookSource.Route>> routes,
        Map<String, String> inboundTopics,
        Map<String, String> activityTokens,
        Map<String, String> adminTokens,
        Map<String, String> kafka,
        Map<String, Duration> produceTimeouts)
        implements Launcher.HttpSettings {

    /** The activity API's path segment ({@code /v1/activity}) and {@code source} tag. */
    static final String ACTIVITY = "activity";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /**
     * @throws IllegalArgumentException naming the key, for a missing or malformed value, or a webhook secret file that
     *                                  cannot be read
     */
    public static IngressSettings from(AppConfig c) {
        IngressConfig m = c.mapping(IngressConfig.class);
        Map<String, Object> registry = new HashMap<>(c.settingsOf(SerdeConfig.PREFIXES, SerdeConfig.KEYS));
        registry.put(SerdeConfig.SCHEMA_REGISTRY_URL, m.schemaRegistryUrl().trim());
        Checks.atLeast("server.max-body-bytes", m.server().maxBodyBytes(), 1024);
        Map<String, List<WebhookSource.Route>> routes = new LinkedHashMap<>();
        Map<String, String> topics = new LinkedHashMap<>();
        Map<String, Duration> timeouts = new HashMap<>();
        for (WebhookSource source : WebhookSources.ALL) {
            String key = source.key();
            routes.put(key, List.copyOf(source.routes(c)));
            String topic =
                    ProviderSpecs.of(source.provider()).inbound().orElseThrow().topic();
            topics.put(key, c.string(InboundSpec.topicSetting(key), topic));
            timeouts.put(key, produceTimeout(c, key, source.produceTimeout(m.produceTimeout())));
        }
        timeouts.put(ACTIVITY, produceTimeout(c, ACTIVITY, m.produceTimeout()));
        timeouts.put(PolicyRoutes.SOURCE, produceTimeout(c, PolicyRoutes.SOURCE, m.produceTimeout()));
        return new IngressSettings(
                m,
                registry,
                Collections.unmodifiableMap(routes),
                Collections.unmodifiableMap(topics),
                secrets(c, "activity.token"),
                secrets(c, "admin.token"),
                Map.copyOf(c.withPrefix("kafka")),
                Map.copyOf(timeouts));
    }

    private static Duration produceTimeout(AppConfig c, String source, Duration fallback) {
        Duration d = c.duration("produce.timeout." + source, fallback);
        if (d.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("produce.timeout." + source + " must be at least 100ms, was " + d);
        }
        return d;
    }

    /**
     * @return name → secret: {@code key} itself under "" and each {@code key.<name>} under its name, every one also from
     *         the file its {@code -file} key names
     * @throws IllegalArgumentException for a name other than letters, digits and {@code -}
     */
    static Map<String, String> secrets(AppConfig c, String key) {
        Map<String, String> out = new HashMap<>();
        c.secret(key).ifPresent(v -> out.put("", v));
        for (String sub : c.withPrefix(key).keySet()) {
            String name = sub.replaceFirst("[-.]file$", ""); // <key>.<name>-file: the secret's file
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        key + "." + name + ": a name is letters, digits and '-' (it becomes a path segment)");
            }
            c.secret(key + "." + name).ifPresent(v -> out.put(name, v));
        }
        return Map.copyOf(out);
    }

    /** @return the shortest produce timeout: the longest a send may block for metadata or buffer space */
    Duration shortestProduceTimeout() {
        return produceTimeouts.values().stream().min(Duration::compareTo).orElseThrow();
    }

    /** @return the longest produce timeout: the producer's delivery timeout */
    Duration longestProduceTimeout() {
        return produceTimeouts.values().stream().max(Duration::compareTo).orElseThrow();
    }

    @Override
    public String httpHost() {
        return mapping.httpHost();
    }

    @Override
    public int httpPort() {
        return mapping.httpPort();
    }

    /** Secrets never reach a log line: the record's own text names the routes opened, not the secrets. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("IngressSettings[");
        routes.forEach((key, list) -> out.append(key)
                .append(' ')
                .append(list.stream().map(r -> r.method() + " " + r.path()).toList())
                .append(", "));
        return out.append("activity clients ")
                .append(activityTokens.keySet())
                .append(", admin clients ")
                .append(adminTokens.keySet())
                .append(']')
                .toString();
    }
}
