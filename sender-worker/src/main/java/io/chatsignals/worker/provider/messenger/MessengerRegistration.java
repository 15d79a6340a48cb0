package io.chatsignals.worker.provider.messenger;

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
import java.util.regex.Pattern;

/**
 * Messenger and Instagram in the worker: {@link MessengerClient}, tokens from {@link MessengerClient#TOKEN}, app secrets
 * from {@link MessengerClient#APP_SECRET}, each account's host from {@code messenger.base-url[.<account>]}
 * (docs/providers/messenger.md: Instagram-Login accounts call {@code https://graph.instagram.com}), read and checked at
 * start.
 */
public final class MessengerRegistration {
    private static final Pattern VERSION = Pattern.compile("^v\\d+\\.\\d+$");

    /** Messenger's settings (docs/configuration.md, sender-worker). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The host of accounts without their own ({@code messenger.base-url.<account>}), e.g. Instagram Login's. */
        @WithName("messenger.base-url")
        @WithDefault("https://graph.facebook.com")
        String baseUrl();

        /** The Graph API version path segment (pinned, configurable). */
        @WithName("messenger.version")
        @WithDefault("v23.0")
        String version();

        /** Where the token goes: {@code header} (Authorization: Bearer) or {@code query} ({@code access_token}). */
        @WithName("messenger.token-in")
        @WithDefault("header")
        String tokenIn();
    }

    /** The registration line of {@link io.chatsignals.worker.provider.Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.MESSENGER,
            Settings.class,
            List.of("messenger."),
            List.of(MessengerClient.TOKEN, MessengerClient.APP_SECRET),
            MessengerRegistration::create);

    private MessengerRegistration() {}

    /** @throws IllegalArgumentException naming the key, for a base URL, version or token place that cannot work */
    private static ProviderGateway create(GatewayContext c) {
        Settings s = c.config().mapping(Settings.class);
        String version = s.version().trim();
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("messenger.version must look like v23.0, was '" + version + "'");
        }
        String tokenIn = s.tokenIn().trim();
        if (!tokenIn.equals("header") && !tokenIn.equals("query")) {
            throw new IllegalArgumentException("messenger.token-in must be header or query, was '" + tokenIn + "'");
        }
        return new MessengerClient(
                c.web(),
                PerAccount.urls(c.config(), "messenger.base-url", Optional.of(s.baseUrl())),
                version,
                tokenIn.equals("query"),
                c.credentials());
    }
}
