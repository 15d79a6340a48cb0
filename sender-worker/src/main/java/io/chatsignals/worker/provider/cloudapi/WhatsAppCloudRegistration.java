package io.chatsignals.worker.provider.cloudapi;

import io.chatsignals.providers.WhatsAppCloud;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.GatewayContext;
import io.chatsignals.worker.provider.GatewayRegistration;
import io.chatsignals.worker.provider.ProviderGateway;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/**
 * The WhatsApp Cloud API in the worker: {@link WhatsAppCloudClient}, tokens from
 * {@link WhatsAppCloudClient#TOKEN}. The defaults call Meta; 360dialog is the same
 * gateway with {@code whatsapp-cloud.base-url=https://waba-v2.360dialog.io}, {@code whatsapp-cloud.path=/messages},
 * {@code whatsapp-cloud.auth-header=D360-API-KEY} and {@code whatsapp-cloud.auth-scheme=none} (docs/configuration.md, "WhatsApp
 * Cloud API profiles").
 */
public final class WhatsAppCloudRegistration {
    /** The Cloud API's settings (docs/providers.md, "Meta WhatsApp Cloud API"). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        @WithName("whatsapp-cloud.base-url")
        @WithDefault("https://graph.facebook.com")
        String baseUrl();

        /** The path template; {@code {version}} and {@code {phone-number-id}} are filled in per call. */
        @WithName("whatsapp-cloud.path")
        @WithDefault("/{version}/{phone-number-id}/messages")
        String path();

        @WithName("whatsapp-cloud.version")
        @WithDefault(WhatsAppCloud.DEFAULT_VERSION)
        String version();

        @WithName("whatsapp-cloud.auth-header")
        @WithDefault("Authorization")
        String authHeader();

        /** The scheme before the token in the auth header; {@code none}: the token alone (360dialog's API key). */
        @WithName("whatsapp-cloud.auth-scheme")
        @WithDefault("Bearer")
        String authScheme();

        /** The wait after a pair rate limit (131056) that gave no Retry-After: about one message per 6 s (unverified). */
        @WithName("whatsapp-cloud.pair-wait")
        @WithDefault("6s")
        Duration pairWait();
    }

    /** The registration line of {@link io.chatsignals.worker.provider.Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.WHATSAPP_CLOUD,
            Settings.class,
            List.of("whatsapp-cloud."),
            List.of(WhatsAppCloudClient.TOKEN),
            WhatsAppCloudRegistration::create);

    private WhatsAppCloudRegistration() {}

    private static ProviderGateway create(GatewayContext c) {
        Settings s = c.config().mapping(Settings.class);
        String scheme = s.authScheme().trim();
        return new WhatsAppCloudClient(
                c.web(),
                new WhatsAppCloudClient.Endpoint(
                        s.baseUrl(),
                        s.path().trim(),
                        s.version().trim(),
                        s.authHeader().trim(),
                        scheme.equalsIgnoreCase("none") ? null : scheme,
                        s.pairWait()),
                c.credentials());
    }
}
