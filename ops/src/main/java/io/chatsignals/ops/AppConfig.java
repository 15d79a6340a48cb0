package io.chatsignals.ops;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An application's configuration: a {@code .properties} file, overridden by environment variables, overridden by
 * system properties (SmallRye Config). An environment variable overrides a key by the usual mapping: upper case,
 * every character other than a letter or digit becomes {@code _} ({@code read.delay} ← {@code READ_DELAY},
 * {@code kafka.bootstrap.servers} ← {@code KAFKA_BOOTSTRAP_SERVERS}).
 */
public final class AppConfig {
    /**
     * Keys whose values are secrets: passwords, secrets, tokens, credentials, authorization values, JAAS configs,
     * user-info, keys (not key.serializer).
     */
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(password|passwd|secret|token|credential|authorization|jaas|user[._-]?info"
                    + "|(api|access|private|app)[._-]?key|(^|[._-])key($|[._-](?!(de)?serializer))).*");
    /** Values that carry a secret whatever their key: {@code password="…"} (a JAAS config), {@code secret=…}, a login module. */
    private static final Pattern SECRET_VALUE =
            Pattern.compile("(?is).*((password|passwd|secret|token|api[._-]?key)\\s*[=:]|LoginModule).*");
    /** The user-info of a URL ({@code scheme://user:password@host}), wherever it stands in a value (comma-separated lists too). */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s,]+@");
    /**
     * Variables Kubernetes injects for every Service in the namespace ({@code KAFKA_PORT=tcp://10.0.0.7:9092},
     * {@code KAFKA_SERVICE_HOST}, {@code KAFKA_PORT_9092_TCP_ADDR}, …): never read as {@code kafka.*} client settings.
     */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            ".*_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_ADDR|_PORT|_PROTO)?)?)");

    private final Supplier<SmallRyeConfigBuilder> sources;
    private final SmallRyeConfig config;
    private final Set<String> read;

    /** @param sources makes a builder with this configuration's sources (a mapping is built on the same ones) */
    private AppConfig(Supplier<SmallRyeConfigBuilder> sources) {
        this(sources, ConcurrentHashMap.newKeySet());
    }

    private AppConfig(Supplier<SmallRyeConfigBuilder> sources, Set<String> read) {
        this.sources = sources;
        this.config = sources.get().build();
        this.read = read;
    }

    /**
     * @param renamed old key prefix → its new one (e.g. a provider's settings moved under its one name)
     * @return this configuration where a key under a new prefix that is not set is read under the old one, each old
     *         key read logged once as deprecated ({@link RenamedSettings}); the keys read are counted with this one's
     */
    public AppConfig withRenamed(Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return this;
        }
        return new AppConfig(() -> sources.get().withInterceptors(new RenamedSettings(renamed)), read);
    }

    /**
     * @param file a properties file, or null for environment and system properties only
     * @throws UncheckedIOException if the file cannot be read
     */
    public static AppConfig load(Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new UncheckedIOException(
                    new IOException("config file " + file + " does not exist or is not readable"));
        }
        return new AppConfig(() -> {
            SmallRyeConfigBuilder builder =
                    new SmallRyeConfigBuilder().addSystemSources(); // env (300), system properties (400)
            if (file != null) {
                try {
                    builder.withSources(new PropertiesConfigSource(file.toUri().toURL(), 100));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read config file " + file, e);
                }
            }
            return builder;
        });
    }

    /** Built from a map (tests), overridden by nothing. */
    public static AppConfig of(Map<String, String> values) {
        return of(values, Map.of());
    }

    /**
     * Built from maps (tests): properties overridden by environment variables, read as the process environment is
     * ({@code READ_DELAY} for {@code read.delay}).
     */
    public static AppConfig of(Map<String, String> values, Map<String, String> environment) {
        return new AppConfig(() -> new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("map", values, 100) {}, new EnvConfigSource(environment, 300)));
    }

    /**
     * Reads an app's declarative settings: a SmallRye {@code @ConfigMapping} interface (prefix "") over the same
     * sources, with defaults from its {@code @WithDefault}s, durations in {@link Durations}' form ({@code 250ms},
     * {@code 2s}, {@code 30d}, ISO-8601), and keys outside the mapping left to the lookups of this class (per-account
     * overrides, credentials, pass-through client settings). Its properties count as read ({@link #keysRead()}).
     *
     * @throws IllegalArgumentException for a missing required setting or a value that does not convert: SmallRye's
     *         message, which names the key, the value and what was expected
     */
    public <T> T mapping(Class<T> type) {
        read.addAll(MappingProperties.of(type).keySet());
        try {
            return sources.get()
                    .withConverter(Duration.class, 200, Durations::parse)
                    .withMapping(type)
                    .withValidateUnknown(false)
                    .build()
                    .getConfigMapping(type);
        } catch (ConfigValidationException | NoSuchElementException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** @return the value, or {@code fallback} when unset */
    public String string(String key, String fallback) {
        read.add(key);
        return config.getOptionalValue(key, String.class).map(String::trim).orElse(fallback);
    }

    /** @return every key an application asked for so far (named or optional), for documentation and coherence checks */
    public Set<String> keysRead() {
        return Set.copyOf(read);
    }

    /**
     * @return the value of a key that has no default
     * @throws IllegalArgumentException naming the key (and its environment variable) when unset
     */
    public String required(String key) {
        read.add(key);
        try {
            return config.getValue(key, String.class).trim();
        } catch (NoSuchElementException e) {
            throw new IllegalArgumentException(
                    "missing configuration " + key + " (or environment variable " + envName(key) + ")");
        }
    }

    /**
     * @throws IllegalArgumentException naming the key, for a value that is not a whole number
     */
    public int integer(String key, int fallback) {
        String v = string(key, null);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }

    /**
     * @throws IllegalArgumentException naming the key, for a value that is not a duration ({@link Durations})
     */
    public Duration duration(String key, Duration fallback) {
        String v = string(key, null);
        try {
            return v == null ? fallback : Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /**
     * @return the value as one of the allowed words (case-insensitive)
     * @throws IllegalArgumentException naming the key and the allowed words
     */
    public String oneOf(String key, String fallback, String... allowed) {
        return Checks.oneOf(key, string(key, fallback), allowed);
    }

    /**
     * @return every key under {@code prefix.} with the prefix removed (e.g. {@code kafka.} → client settings),
     *         including environment variables {@code PREFIX_A_B} read as {@code prefix.a.b} (Kafka keys use dots only),
     *         except Kubernetes' service-link variables ({@link #isServiceLink})
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        String p = prefix.endsWith(".") ? prefix : prefix + ".";
        String envPrefix = envName(p);
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(p)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> out.put(name.substring(p.length()), v));
            } else if (name.startsWith(envPrefix)
                    && name.equals(name.toUpperCase(Locale.ROOT))
                    && !isServiceLink(name)) {
                String key = name.substring(envPrefix.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                config.getOptionalValue(name, String.class).ifPresent(v -> out.putIfAbsent(key, v));
            }
        }
        return out;
    }

    /**
     * @return every key under the given prefixes with its full name (e.g. the serde's {@code schema.registry.} and
     *         {@code basic.auth.} settings, passed on as they are), environment variables included as in {@link #withPrefix}
     */
    public Map<String, String> underPrefixes(String... prefixes) {
        Map<String, String> out = new TreeMap<>();
        for (String prefix : prefixes) {
            String p = prefix.endsWith(".") ? prefix : prefix + ".";
            withPrefix(p).forEach((k, v) -> out.put(p + k, v));
        }
        return out;
    }

    /**
     * @return every key under the prefixes (as {@link #underPrefixes}) plus each of {@code keys} that is set, with
     *         their full names: a library's own settings passed on as they are (e.g. the serde's)
     */
    public Map<String, String> settingsOf(Collection<String> prefixes, Collection<String> keys) {
        Map<String, String> out = new TreeMap<>(underPrefixes(prefixes.toArray(String[]::new)));
        keys.forEach(key -> optional(key).ifPresent(v -> out.put(key, v.trim())));
        return out;
    }

    /** @return the value when set */
    public Optional<String> optional(String key) {
        read.add(key);
        return config.getOptionalValue(key, String.class);
    }

    /**
     * A secret: the key's value, else the contents of the file its {@code <key>-file} names (a mounted secret), both
     * trimmed; blank counts as unset. Never logged.
     *
     * @throws UncheckedIOException when the file named cannot be read (the message names the key, not the value)
     */
    public Optional<String> secret(String key) {
        Optional<String> direct = optional(key).map(String::trim).filter(v -> !v.isEmpty());
        if (direct.isPresent()) {
            return direct;
        }
        return optional(key + "-file").map(file -> {
            try {
                return Files.readString(Path.of(file.trim())).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the secret file named by " + key + "-file", e);
            }
        });
    }

    /** @return every key under the prefixes given, with secrets masked, for a start-up log line */
    public Map<String, String> dump(String... prefixes) {
        Map<String, String> out = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    out.put(
                            name,
                            mask(
                                    name,
                                    config.getOptionalValue(name, String.class).orElse("")));
                }
            }
        }
        return out;
    }

    /**
     * @return {@code ****} for a key that names a secret or a value that carries one (a JAAS config, {@code password=…}),
     *         else the value with any URL user-info replaced by {@code ****} ({@code http://****@registry:8081})
     */
    public static String mask(String key, String value) {
        if (SECRET_KEY.matcher(key).matches()
                || value != null && SECRET_VALUE.matcher(value).matches()) {
            return "****";
        }
        return value == null ? null : URL_USER_INFO.matcher(value).replaceAll("$1****@");
    }

    /**
     * @return whether an environment variable has the shape of a Kubernetes service link ({@code <SERVICE>_PORT},
     *         {@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_SERVICE_PORT[_<NAME>]}, {@code <SERVICE>_PORT_<N>_<PROTO>[_ADDR|_PORT|_PROTO]});
     *         no Kafka, Streams or serde setting ends that way
     */
    public static boolean isServiceLink(String variable) {
        return SERVICE_LINK.matcher(variable).matches();
    }

    /** @return the environment variable that overrides {@code key} */
    public static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
