package io.chatsignals.worker.provider;

import io.chatsignals.schema.Provider;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;

/** 8x8 Chat Apps in the worker: {@link EightByEightClient}, Bearer keys from {@link Credentials#eightByEightKey}. */
public final class EightByEightRegistration implements GatewayRegistration {
    /** 8x8's settings (README, "sender-worker"). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The Chat Apps API endpoint (docs/providers.md). */
        @WithName("eightbyeight.base-url")
        @WithDefault("https://chatapps.8x8.com")
        String baseUrl();
    }

    @Override
    public Provider provider() {
        return Provider.EIGHT_BY_EIGHT;
    }

    @Override
    public Class<?> settings() {
        return Settings.class;
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of("eightbyeight.");
    }

    @Override
    public ProviderGateway create(GatewayContext c) {
        Settings s = c.config().mapping(Settings.class);
        return new EightByEightClient(c.web(), s.baseUrl(), c.credentials(), c.requestTimeout());
    }
}
