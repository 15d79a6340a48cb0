package io.chatsignals.worker.provider;

import io.chatsignals.schema.Provider;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;

/** NXCloud in the worker: {@link NxCloudClient}, key pairs {@code nxcloud.access-key} and {@code nxcloud.secret} per business phone ({@link Credentials}). */
final class NxCloudRegistration {
    /** NXCloud's settings (docs/configuration.md, "sender-worker"); appkeys are read by the intake (nxcloud.app-key). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        /** The NXCloud API endpoint (docs/providers.md). */
        @WithName("nxcloud.base-url")
        @WithDefault("https://api2.nxcloud.com")
        String baseUrl();
    }

    /** The registration line of {@link Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.NXCLOUD,
            Settings.class,
            List.of("nxcloud."),
            List.of(NxCloudClient.ACCESS_KEY, NxCloudClient.SECRET),
            c -> new NxCloudClient(c.web(), c.config().mapping(Settings.class).baseUrl(), c.credentials(), c.clock()));

    private NxCloudRegistration() {}
}
