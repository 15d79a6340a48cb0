package io.chatsignals.worker.provider;

import io.chatsignals.schema.Provider;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;

/** NXCloud in the worker: {@link NxCloudClient}, key pairs from {@link Credentials#nxCloudKey}. */
public final class NxCloudRegistration implements GatewayRegistration {
    /** NXCloud's settings (README, "sender-worker"); appkeys are read by the intake (nxcloud.app-key). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The NXCloud API endpoint (docs/providers.md). */
        @WithName("nxcloud.base-url")
        @WithDefault("https://api2.nxcloud.com")
        String baseUrl();
    }

    @Override
    public Provider provider() {
        return Provider.NXCLOUD;
    }

    @Override
    public Class<?> settings() {
        return Settings.class;
    }

    @Override
    public List<String> keyPrefixes() {
        return List.of("nxcloud.");
    }

    @Override
    public ProviderGateway create(GatewayContext c) {
        return new NxCloudClient(c.web(), c.config().mapping(Settings.class).baseUrl(), c.credentials(), c.clock());
    }
}
