package io.chatsignals.worker.provider.twilio;

import io.chatsignals.providers.BaseUrls;
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
 * Twilio in the worker: {@link TwilioClient}, Basic credentials from {@link TwilioClient#KEY_SID} and
 * {@link TwilioClient#KEY_SECRET} per Account SID, RCS typing behind {@code twilio.rcs-typing} with each account's RCS
 * sender from {@code twilio.rcs-sender[.<account>]} (docs/providers/twilio.md), read and checked at start.
 */
public final class TwilioRegistration {
    /** Twilio's settings (docs/configuration.md, sender-worker). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The Messaging API host. */
        @WithName("twilio.base-url")
        @WithDefault("https://messaging.twilio.com")
        String baseUrl();

        /** Whether RCS typing (the v3 call, general availability unverified) is made; off: an RCS TYPING fails. */
        @WithName("twilio.rcs-typing")
        @WithDefault("false")
        boolean rcsTyping();

        /** The RCS sender ({@code rcs:<agent id>}) of accounts without their own {@code twilio.rcs-sender.<account>}. */
        @WithName("twilio.rcs-sender")
        Optional<String> rcsSender();
    }

    /** The registration line of {@link io.chatsignals.worker.provider.Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.TWILIO,
            Settings.class,
            List.of("twilio."),
            List.of(TwilioClient.KEY_SID, TwilioClient.KEY_SECRET),
            TwilioRegistration::create);

    private TwilioRegistration() {}

    /** @throws IllegalArgumentException naming the key, for a base URL that is not http(s) or an RCS sender without rcs: */
    private static ProviderGateway create(GatewayContext c) {
        Settings s = c.config().mapping(Settings.class);
        PerAccount senders =
                PerAccount.read(c.config(), "twilio.rcs-sender", s.rcsSender(), TwilioRegistration::sender);
        return new TwilioClient(
                c.web(), BaseUrls.of("twilio.base-url", s.baseUrl()), s.rcsTyping(), senders, c.credentials());
    }

    private static String sender(String key, String value) {
        String v = value.trim();
        if (!v.startsWith("rcs:") || v.length() == 4) {
            throw new IllegalArgumentException(key + " must be rcs:<sender id>, was '" + value + "'");
        }
        return v;
    }
}
