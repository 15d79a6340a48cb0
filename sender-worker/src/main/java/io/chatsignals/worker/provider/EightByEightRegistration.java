package io.chatsignals.worker.provider;

import io.chatsignals.schema.Provider;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;

/** 8x8 Chat Apps in the worker: {@link EightByEightClient}, Bearer keys {@code eightbyeight.api-key} per subaccount ({@link Credentials}). */
final class EightByEightRegistration {
    /** 8x8's settings (docs/configuration.md, "sender-worker"). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The Chat Apps API endpoint (docs/providers.md). */
        @WithName("eightbyeight.base-url")
        @WithDefault("https://chatapps.8x8.com")
        String baseUrl();
    }

    /** The registration line of {@link Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.EIGHT_BY_EIGHT,
            Settings.class,
            List.of("eightbyeight."),
            List.of(EightByEightClient.API_KEY),
            c -> new EightByEightClient(
                    c.web(), c.config().mapping(Settings.class).baseUrl(), c.credentials(), c.requestTimeout()));

    private EightByEightRegistration() {}
}
