package io.chatsignals.worker.provider.rbm;

import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.GatewayContext;
import io.chatsignals.worker.provider.GatewayRegistration;
import io.chatsignals.worker.provider.PerAccount;
import io.chatsignals.worker.provider.ProviderGateway;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * Google RBM in the worker: {@link RbmClient}, each agent's service-account key from {@link RbmClient#KEY} and its host
 * from {@code google-rbm.base-url[.<agent>]} (Google's regional hosts: docs/providers/google-rbm.md).
 */
public final class RbmRegistration {
    /** RBM's settings (docs/configuration.md, sender-worker). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The host of agents without their own; regional: {@code https://europe-rcsbusinessmessaging.googleapis.com}. */
        @WithName("google-rbm.base-url")
        @WithDefault("https://rcsbusinessmessaging.googleapis.com")
        String baseUrl();
    }

    /** The registration line of {@link io.chatsignals.worker.provider.Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.GOOGLE_RBM,
            Settings.class,
            List.of("google-rbm."),
            List.of(RbmClient.KEY),
            RbmRegistration::create);

    private RbmRegistration() {}

    /** @throws IllegalArgumentException naming the key, for a base URL that is not an http(s) URL with a host */
    private static ProviderGateway create(GatewayContext c) {
        Settings s = c.config().mapping(Settings.class);
        return new RbmClient(
                c.web(), PerAccount.urls(c.config(), "google-rbm.base-url", Optional.of(s.baseUrl())), c.credentials());
    }
}
