package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Checks;
import io.chatsignals.ops.Launcher;
import io.chatsignals.serde.SerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every setting of ingress, checked in this one place (README, "ingress"). The webhook secrets are read as secrets
 * ({@link AppConfig#secret}: the value, or a file named by {@code <key>-file}; never logged): a provider whose secret is
 * unset has no endpoint (404), so no unverified webhook is ever accepted. Each webhook secret may also be given per
 * tenant ({@code <key>.<tenant>}, a tenant name of letters, digits and {@code -}): the tenant's endpoint is the
 * provider's path followed by {@code /<tenant>}, for businesses with several 8x8 or Meta accounts and their secrets.
 *
 * @param mapping             the declarative settings
 * @param registry            serde settings ({@code schema.registry.url} and the other serde keys)
 * @param eightByEightAuth    per tenant ("" for the default), {@code webhooks.8x8.authorization[.<tenant>]}: the static
 *                            "HTTP Authorization" value configured with the webhook in 8x8 Connect, which 8x8 sends
 *                            as the {@code Authorization} header
 * @param nxCloudTokens       {@code webhooks.nxcloud.token[.<name>]}: secrets of the business's choosing, in the path
 *                            ({@code /webhooks/nxcloud/<token>}) or the {@code X-Webhook-Token} header (NXCloud signs
 *                            nothing); any of them is accepted
 * @param cloudAppSecrets     per tenant, {@code webhooks.whatsapp-cloud.app-secret[.<tenant>]}: the Meta app secret that
 *                            keys {@code X-Hub-Signature-256}
 * @param cloudVerifyTokens   per tenant, {@code webhooks.whatsapp-cloud.verify-token[.<tenant>]}: the token of Meta's
 *                            {@code hub.challenge} handshake
 * @param activityTokens      {@code activity.token.<client>}: the bearer token of each helpdesk client of the activity API
 * @param kafka               {@code kafka.*} producer settings, prefix removed (security, client id, …); the
 *                            durability settings are fixed over them
 * @param produceTimeouts     per path segment ({@code 8x8}, {@code nxcloud}, {@code whatsapp-cloud}, {@code activity}):
 *                            how long a request waits for the broker's acknowledgement
 */
public record IngressSettings(
        IngressConfig mapping,
        Map<String, Object> registry,
        Map<String, String> eightByEightAuth,
        Map<String, String> nxCloudTokens,
        Map<String, String> cloudAppSecrets,
        Map<String, String> cloudVerifyTokens,
        Map<String, String> activityTokens,
        Map<String, String> kafka,
        Map<String, Duration> produceTimeouts)
        implements Launcher.HttpSettings {

    /** The sources a request can come from, as their path segments. */
    static final String EIGHT_BY_EIGHT = "8x8";

    static final String NXCLOUD = "nxcloud";
    static final String WHATSAPP_CLOUD = "whatsapp-cloud";
    static final String ACTIVITY = "activity";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** 8x8 wants an answer within 5 s (8x8 Connect, "Inbound Chat Apps message"): its default produce wait. */
    static final Duration EIGHT_BY_EIGHT_TIMEOUT = Duration.ofSeconds(4);

    /**
     * @throws IllegalArgumentException naming the key, for a missing or malformed value, or a webhook secret file that
     *                                  cannot be read
     */
    public static IngressSettings from(AppConfig c) {
        IngressConfig m = c.mapping(IngressConfig.class);
        Map<String, Object> registry = new HashMap<>(c.settingsOf(SerdeConfig.PREFIXES, SerdeConfig.KEYS));
        registry.put(SerdeConfig.SCHEMA_REGISTRY_URL, m.schemaRegistryUrl().trim());
        Checks.atLeast("server.max-body-bytes", m.server().maxBodyBytes(), 1024);
        Map<String, Duration> timeouts = new HashMap<>();
        for (String source : new String[] {EIGHT_BY_EIGHT, NXCLOUD, WHATSAPP_CLOUD, ACTIVITY}) {
            Duration fallback = source.equals(EIGHT_BY_EIGHT) ? EIGHT_BY_EIGHT_TIMEOUT : m.produceTimeout();
            Duration d = c.duration("produce.timeout." + source, fallback);
            if (d.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("produce.timeout." + source + " must be at least 100ms, was " + d);
            }
            timeouts.put(source, d);
        }
        return new IngressSettings(
                m,
                registry,
                secrets(c, "webhooks.8x8.authorization"),
                secrets(c, "webhooks.nxcloud.token"),
                secrets(c, "webhooks.whatsapp-cloud.app-secret"),
                secrets(c, "webhooks.whatsapp-cloud.verify-token"),
                secrets(c, "activity.token"),
                Map.copyOf(c.withPrefix("kafka")),
                Map.copyOf(timeouts));
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

    /** Secrets never reach a log line: the record's own text names which are set, not their values. */
    @Override
    public String toString() {
        return "IngressSettings[8x8 tenants " + eightByEightAuth.keySet() + ", nxcloud tokens " + nxCloudTokens.size()
                + ", whatsapp-cloud tenants " + cloudAppSecrets.keySet() + ", activity clients "
                + activityTokens.keySet() + "]";
    }
}
