package io.chatsignals.serde;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the Avro serde and its registry client. Keys follow Confluent's names so existing client configs carry
 * over unchanged:
 * <ul>
 * <li>{@code schema.registry.url} — one or more comma-separated base URLs (required); tried in order on connection
 * failures; {@code mock://<scope>} selects the in-memory {@link MockSchemaRegistry} for unit tests</li>
 * <li>{@code auto.register.schemas} — register the writer's schema on first use (default true); when false, the
 * schema must already be registered under the subject</li>
 * <li>{@code specific.avro.reader} — deserialize into generated SpecificRecord classes (default false: GenericRecord)</li>
 * <li>{@code basic.auth.credentials.source} — {@code USER_INFO} (default) or {@code URL} (credentials in the URL)</li>
 * <li>{@code basic.auth.user.info} — {@code user:password} for HTTP Basic auth</li>
 * <li>{@code schema.registry.ssl.truststore.location|password|type}, {@code schema.registry.ssl.keystore.location|password|type},
 * {@code schema.registry.ssl.key.password} — TLS trust and client certificates (type JKS or PKCS12, default PKCS12)</li>
 * <li>{@code schema.registry.connect.timeout.ms} (default 10000) and {@code schema.registry.request.timeout.ms}
 * (default 30000) — per registry request</li>
 * <li>{@code schema.registry.retries} (default 3) and {@code schema.registry.retry.backoff.ms} (default 100, doubled
 * each time) — a registry that is unreachable or answers 5xx is asked again this many times</li>
 * </ul>
 * Secrets never appear in {@link #toString()}.
 */
public final class SerdeConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Prefixes of every serde setting an application passes on from its configuration. */
    public static final List<String> PREFIXES = List.of("schema.registry.", "basic.auth.");
    /** Serde settings outside {@link #PREFIXES} that an application passes on from its configuration. */
    public static final List<String> KEYS = List.of(AUTO_REGISTER_SCHEMAS);

    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String RETRIES = "schema.registry.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

    private final List<URI> urls;
    private final boolean autoRegister;
    private final boolean specificReader;
    private final String userInfo;
    private final Map<String, ?> raw;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int retries;
    private final Duration retryBackoff;

    private SerdeConfig(Map<String, ?> raw) {
        this.raw = Map.copyOf(raw);
        this.autoRegister = bool(raw, AUTO_REGISTER_SCHEMAS, true);
        this.specificReader = bool(raw, SPECIFIC_AVRO_READER, false);
        this.connectTimeout = Duration.ofMillis(number(raw, CONNECT_TIMEOUT_MS, 10_000));
        this.requestTimeout = Duration.ofMillis(number(raw, REQUEST_TIMEOUT_MS, 30_000));
        this.retries = (int) Math.min(20, Long.parseLong(string(raw, RETRIES, "3")));
        this.retryBackoff = Duration.ofMillis(number(raw, RETRY_BACKOFF_MS, 100));
        String source = string(raw, BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO").toUpperCase(Locale.ROOT);
        List<URI> parsed = new ArrayList<>();
        String urlInfo = null;
        for (String u : string(raw, SCHEMA_REGISTRY_URL, "").split(",")) {
            if (u.isBlank()) {
                continue;
            }
            URI uri = URI.create(u.trim().replaceAll("/+$", ""));
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http")
                            || uri.getScheme().equals("https")
                            || uri.getScheme().equals("mock"))) {
                throw new ConfigException(
                        SCHEMA_REGISTRY_URL,
                        maskUserInfo(u),
                        "must be an http:// or https:// URL (mock://scope in tests)");
            }
            if (uri.getUserInfo() != null) {
                urlInfo = uri.getUserInfo();
                uri = URI.create(uri.getScheme() + "://" + uri.getHost()
                        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath());
            }
            parsed.add(uri);
        }
        if (parsed.isEmpty()) {
            throw new ConfigException(
                    "Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\" which has no default value.");
        }
        this.urls = List.copyOf(parsed);
        switch (source) {
            case "USER_INFO":
                String info = string(raw, BASIC_AUTH_USER_INFO, "");
                this.userInfo = info.isEmpty() ? null : info;
                break;
            case "URL":
                if (urlInfo == null) {
                    throw new ConfigException(
                            BASIC_AUTH_CREDENTIALS_SOURCE,
                            source,
                            "URL was chosen but no URL in " + SCHEMA_REGISTRY_URL + " carries user:password@");
                }
                this.userInfo = urlInfo;
                break;
            default:
                throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "must be USER_INFO or URL");
        }
        if (userInfo != null && !userInfo.contains(":")) {
            throw new ConfigException("basic auth credentials must be user:password (value not shown)");
        }
    }

    /**
     * Reads the settings from a Kafka client config map (values as strings or typed).
     *
     * @throws ConfigException naming the key, for a missing URL or a malformed value (secrets are not echoed)
     */
    public static SerdeConfig from(Map<String, ?> configs) {
        return new SerdeConfig(Objects.requireNonNull(configs, "configs"));
    }

    /** @return the registry base URLs, without credentials */
    public List<URI> urls() {
        return urls;
    }

    /** @return whether the serializer registers schemas it has not seen */
    public boolean autoRegister() {
        return autoRegister;
    }

    /** @return whether the deserializer returns generated SpecificRecord classes */
    public boolean specificReader() {
        return specificReader;
    }

    /** @return {@code user:password} for Basic auth, or null for none; never log it */
    String userInfo() {
        return userInfo;
    }

    /** @return the raw value of a key, or null */
    String raw(String key) {
        Object v = raw.get(key);
        return v == null ? null : v.toString();
    }

    /** @return the TCP connect timeout of registry requests */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the whole-request timeout of registry requests */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return how many times a transient registry failure (unreachable, 5xx) is retried */
    public int retries() {
        return retries;
    }

    /** @return the first wait before a retry (doubled each time) */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    @Override
    public String toString() {
        return "SerdeConfig{urls=" + urls + ", autoRegister=" + autoRegister + ", specificReader=" + specificReader
                + ", basicAuth=" + (userInfo == null ? "none" : "****") + ", truststore=" + raw(SSL_TRUSTSTORE_LOCATION)
                + ", keystore=" + raw(SSL_KEYSTORE_LOCATION) + "}";
    }

    private static String maskUserInfo(String url) {
        return url.replaceAll("//[^@/]*@", "//****@");
    }

    private static String string(Map<String, ?> raw, String key, String fallback) {
        Object v = raw.get(key);
        if (v instanceof List) {
            return String.join(",", ((List<?>) v).stream().map(Object::toString).toArray(String[]::new));
        }
        return v == null ? fallback : v.toString().trim();
    }

    private static boolean bool(Map<String, ?> raw, String key, boolean fallback) {
        String v = string(raw, key, Boolean.toString(fallback));
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new ConfigException(key, v, "must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static long number(Map<String, ?> raw, String key, long fallback) {
        String v = string(raw, key, Long.toString(fallback));
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new ConfigException(key, v, "must be a positive number of milliseconds");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, v, "must be a positive number of milliseconds");
        }
    }
}
