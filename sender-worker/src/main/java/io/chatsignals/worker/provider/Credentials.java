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
 * Provider credentials (docs/design.md, execution rule 8): 8x8 API keys per subaccount or one default, NXCloud
 * accessKey/secret per business phone or one default, Huawei IAM user/password per account (IAM domain) or one
 * default, WhatsApp Cloud API access tokens (or a BSP's API key) per phone number id or one default. Keys:
 * {@code eightbyeight.api-key[.<subAccountId>]}, {@code nxcloud.access-key[.<phone>]},
 * {@code nxcloud.secret[.<phone>]}, {@code huawei.iam.user[.<domain>]}, {@code huawei.iam.password[.<domain>]},
 * {@code whatsapp-cloud.token[.<phoneNumberId>]}; each
 * may instead name a file with
 * {@code -file} appended (e.g. {@code nxcloud.secret-file}, for mounted secrets). Environment variables override as
 * usual ({@code EIGHTBYEIGHT_API_KEY}). Values are never logged and {@link #toString()} shows none.
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
    /** An NXCloud key pair. */
    public record NxCloudKey(String accessKey, String secret) {
        @Override
        public String toString() {
            return "NxCloudKey[accessKey=****, secret=****]";
        }
    }

    /** An IAM user of a Huawei account (password method); {@link #toString()} hides the password. */
    public record HuaweiLogin(String user, String password) {
        @Override
        public String toString() {
            return "HuaweiLogin[user=" + user + ", password=****]";
        }
    }

    /** The keys credentials are read from (each may be followed by {@code .<account>}, and {@code -file}). */
    public static final List<String> KEYS = List.of(
            "eightbyeight.api-key",
            "nxcloud.access-key",
            "nxcloud.secret",
            "huawei.iam.user",
            "huawei.iam.password",
            "whatsapp-cloud.token");

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

    /** Resolves every configured secret now (files read here, not on an event loop), then reloads files every {@link #RELOAD}. */
    public Credentials(AppConfig config) {
        this(config, RELOAD);
    }

    /**
     * @param reload how often secrets read from files are read again
     * @throws java.io.UncheckedIOException naming the key when a file a secret names cannot be read at start
     */
    public Credentials(AppConfig config, Duration reload) {
        this.config = config;
        for (String key : KEYS) {
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

    /** @return the API key for the subaccount, or the default one */
    public Optional<String> eightByEightKey(String subAccountId) {
        return secret("eightbyeight.api-key." + subAccountId).or(() -> secret("eightbyeight.api-key"));
    }

    /** @return the key pair for the business phone, or the default one */
    public Optional<NxCloudKey> nxCloudKey(String businessPhone) {
        Optional<String> key = secret("nxcloud.access-key." + businessPhone);
        Optional<String> secret = secret("nxcloud.secret." + businessPhone);
        if (key.isPresent() && secret.isPresent()) {
            return Optional.of(new NxCloudKey(key.get(), secret.get()));
        }
        return secret("nxcloud.access-key")
                .flatMap(k -> secret("nxcloud.secret").map(s -> new NxCloudKey(k, s)));
    }

    /** @return the IAM user and password for the account (IAM domain name), or the default ones */
    public Optional<HuaweiLogin> huaweiLogin(String domain) {
        Optional<String> user = secret("huawei.iam.user." + domain);
        Optional<String> password = secret("huawei.iam.password." + domain);
        if (user.isPresent() && password.isPresent()) {
            return Optional.of(new HuaweiLogin(user.get(), password.get()));
        }
        return secret("huawei.iam.user")
                .flatMap(u -> secret("huawei.iam.password").map(p -> new HuaweiLogin(u, p)));
    }

    /** @return the Cloud API access token (or the BSP's API key) of the phone number id, or the default one */
    public Optional<String> whatsAppCloudToken(String phoneNumberId) {
        return secret("whatsapp-cloud.token." + phoneNumberId).or(() -> secret("whatsapp-cloud.token"));
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
