package io.chatsignals.worker.provider.infobip;

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
 * Infobip in the worker: {@link InfobipClient}, API keys from {@link InfobipClient#API_KEY}, each sender's base URL
 * from {@code infobip.base-url[.<sender>]} (every Infobip account has its own: docs/providers/infobip.md), all read
 * and checked at start.
 */
public final class InfobipRegistration {
    /** Infobip's settings (docs/providers/infobip.md). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The base URL of senders without their own, e.g. {@code https://abc123.api.infobip.com}. */
        @WithName("infobip.base-url")
        Optional<String> baseUrl();

        /** The typing call's path (Infobip's SDK: {@code /whatsapp/1/events}); empty: no typing. */
        @WithName("infobip.events-path")
        @WithDefault("/whatsapp/1/events")
        String eventsPath();
    }

    /** The registration line of {@link io.chatsignals.worker.provider.Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.INFOBIP,
            Settings.class,
            List.of("infobip."),
            List.of(InfobipClient.API_KEY),
            InfobipRegistration::create);

    private InfobipRegistration() {}

    /** @throws IllegalArgumentException naming the key, for a base URL that is not an http(s) URL with a host */
    private static ProviderGateway create(GatewayContext c) {
        Settings s = c.config().mapping(Settings.class);
        String events = s.eventsPath().trim();
        if (!events.isEmpty() && !events.startsWith("/")) {
            throw new IllegalArgumentException(
                    "infobip.events-path must start with / (or be empty), was '" + events + "'");
        }
        return new InfobipClient(
                c.web(), PerAccount.urls(c.config(), "infobip.base-url", s.baseUrl()), events, c.credentials());
    }
}
