package io.chatsignals.worker.provider;

import io.chatsignals.ops.AppConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider credentials (docs/design.md, execution rule 8): the secrets each provider's registration names
 * ({@link GatewayRegistration#secretKeys()}), each per account ({@code <key>.<account>}) or one default
 * ({@code <key>}); each may instead name a file with {@code -file} appended (e.g. {@code <key>.<account>-file}, for
 * mounted secrets). Environment variables override as usual. Values are never logged and {@link #toString()} shows
 * none.
 *
 * <p>Every secret is resolved at start and kept in memory: a provider call, which runs on a Vert.x event loop, never
 * reads a file. A secret read from a file is read again every {@code reload} on this class's own thread, so a rotated
 * Kubernetes Secret (mounted files are updated in place) takes effect without a restart; a file that cannot be read
 * then keeps the value it had (logged once, by key). Thread-safe.
 */
public final class Credentials implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);
    /** How often secrets read from files are read again (Kubernetes updates a mounted Secret within about a minute). */
    public static final Duration RELOAD = Duration.ofSeconds(30);

    /** A name and its secret (an access key and its secret, a user and its password); {@link #toString()} hides both. */
    public record Pair(String name, String secret) {
        @Override
        public String toString() {
            return "Pair[name=****, secret=****]";
        }
    }

    private final AppConfig config;
    /** key → its value as last resolved; keys without a value too (empty), so a miss is not looked up again */
    private final Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();
    /** the keys that name a file ({@code <key>-file}): read again every reload ({@link AppConfig#secret} decides which wins) */
    private final Set<String> fromFiles = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "credentials-reload");
        t.setDaemon(true);
        return t;
    });

    /**
     * Resolves the secrets of every registered provider now (files read here, not on an event loop), then reloads
     * files every {@link #RELOAD}.
     */
    public Credentials(AppConfig config) {
        this(config, Registrations.secretKeys(), RELOAD);
    }

    /**
     * @param keys   the secrets' keys (each may be followed by {@code .<account>}, and {@code -file})
     * @param reload how often secrets read from files are read again
     * @throws java.io.UncheckedIOException naming the key when a file a secret names cannot be read at start
     */
    public Credentials(AppConfig config, List<String> keys, Duration reload) {
        this.config = config;
        for (String key : keys) {
            resolve(key);
            config.withPrefix(key).keySet().forEach(rest -> resolve(key + "." + rest.replaceFirst("-file$", "")));
        }
        reloader.scheduleWithFixedDelay(this::reload, reload.toMillis(), reload.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Optional<String> resolve(String key) {
        return resolved.computeIfAbsent(key, k -> {
            if (config.optional(k + "-file").isPresent()) {
                fromFiles.add(k);
            }
            return config.secret(k);
        });
    }

    /** Reads every file-backed secret again; a changed one replaces the old, an unreadable one keeps it. */
    private void reload() {
        for (String key : fromFiles) {
            try {
                Optional<String> now = config.secret(key);
                if (!now.equals(resolved.put(key, now))) {
                    LOG.info("secret {} changed in its file: in use from now on", key);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "secret file of {} not readable ({}): the value read before stays in use",
                        key,
                        e.getClass().getSimpleName());
            }
        }
    }

    /** @return the secret {@code <key>.<account>}, else the default {@code <key>} */
    public Optional<String> forAccount(String key, String account) {
        return secret(key + "." + account).or(() -> secret(key));
    }

    /**
     * @return both secrets of the account ({@code <nameKey>.<account>} and {@code <secretKey>.<account>}), else both
     *         defaults; never one of each
     */
    public Optional<Pair> pairForAccount(String nameKey, String secretKey, String account) {
        Optional<String> name = secret(nameKey + "." + account);
        Optional<String> secret = secret(secretKey + "." + account);
        if (name.isPresent() && secret.isPresent()) {
            return Optional.of(new Pair(name.get(), secret.get()));
        }
        return secret(nameKey).flatMap(n -> secret(secretKey).map(v -> new Pair(n, v)));
    }

    private Optional<String> secret(String key) {
        return resolve(key);
    }

    /** Stops reloading. */
    @Override
    public void close() {
        reloader.shutdownNow();
    }

    @Override
    public String toString() {
        return "Credentials[values hidden]";
    }
}
