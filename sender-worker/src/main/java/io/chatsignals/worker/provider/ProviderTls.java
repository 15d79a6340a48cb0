package io.chatsignals.worker.provider;

import io.chatsignals.ops.AppConfig;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyStoreOptionsBase;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * TLS settings of the worker's one provider HTTP client (every registered provider's calls), named like the serde's registry settings:
 * {@code provider.ssl.truststore.location|password|type} — a trust store for base URLs behind a private CA (a
 * corporate proxy, a gateway) instead of the JVM's default trust; {@code provider.ssl.keystore.location|password|type}
 * — a client certificate for gateways that require mutual TLS. Types {@code PKCS12} (default) or {@code JKS}.
 * Passwords are secrets: masked in the configuration dump, never logged.
 *
 * @param trustStore the trust store, when configured
 * @param keyStore   the client key store, when configured
 */
public record ProviderTls(Optional<Store> trustStore, Optional<Store> keyStore) {
    /** One store file. */
    public record Store(String location, String password, String type) {
        @Override
        public String toString() {
            return "Store[location=" + location + ", type=" + type + ", password=****]";
        }
    }

    /**
     * @throws IllegalArgumentException naming the key when a store file is not readable or its type is unknown
     */
    public static ProviderTls from(AppConfig config) {
        return new ProviderTls(store(config, "provider.ssl.truststore"), store(config, "provider.ssl.keystore"));
    }

    /** @return the options with the configured stores set (unchanged when none is) */
    public WebClientOptions apply(WebClientOptions options) {
        trustStore.ifPresent(s -> options.setTrustOptions(vertxOptions(s)));
        keyStore.ifPresent(s -> options.setKeyCertOptions(vertxOptions(s)));
        return options;
    }

    private static KeyStoreOptionsBase vertxOptions(Store s) {
        return s.type().equals("JKS")
                ? new JksOptions().setPath(s.location()).setPassword(s.password())
                : new PfxOptions().setPath(s.location()).setPassword(s.password());
    }

    private static Optional<Store> store(AppConfig config, String prefix) {
        Optional<String> location =
                config.optional(prefix + ".location").map(String::trim).filter(v -> !v.isEmpty());
        if (location.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isReadable(Path.of(location.get()))) {
            throw new IllegalArgumentException(
                    prefix + ".location: " + location.get() + " does not exist or is not readable");
        }
        String type = config.string(prefix + ".type", "PKCS12").toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            throw new IllegalArgumentException(prefix + ".type must be PKCS12 or JKS, was '" + type + "'");
        }
        return Optional.of(
                new Store(location.get(), config.optional(prefix + ".password").orElse(null), type));
    }
}
