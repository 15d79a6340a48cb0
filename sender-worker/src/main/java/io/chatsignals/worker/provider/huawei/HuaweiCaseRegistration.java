package io.chatsignals.worker.provider.huawei;

import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.GatewayContext;
import io.chatsignals.worker.provider.GatewayRegistration;
import io.chatsignals.worker.provider.ProviderGateway;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Huawei case messages in the worker: {@link HuaweiCaseClient} with tokens from {@link IamTokens} (IAM logins from
 * {@link IamTokens#USER}, {@link IamTokens#PASSWORD}).
 */
public final class HuaweiCaseRegistration {
    /** Huawei Service Tickets and IAM settings (docs/providers.md, "Huawei Cloud service tickets"). */
    @ConfigMapping(prefix = "")
    public interface Settings {
        @WithName("huawei-case.base-url")
        @WithDefault("https://osm.myhuaweicloud.com")
        String baseUrl();

        @WithName("huawei-case.iam.url")
        @WithDefault("https://iam.myhuaweicloud.com")
        String iamUrl();

        /** A cached token is refreshed this long before it expires (at most half its lifetime). */
        @WithName("huawei-case.iam.refresh-ahead")
        @WithDefault("1h")
        Duration refreshAhead();

        /** {@code X-Language}; Huawei's default (zh-cn) when unset. */
        @WithName("huawei-case.language")
        Optional<String> language();

        /** {@code X-Time-Zone}; Huawei's default (GMT+8) when unset. */
        @WithName("huawei-case.time-zone")
        Optional<String> timeZone();
    }

    /** The registration line of {@link io.chatsignals.worker.provider.Registrations#ALL}. */
    public static final GatewayRegistration REGISTRATION = new GatewayRegistration(
            Provider.HUAWEI_CASE,
            Settings.class,
            List.of("huawei-case.", "huawei."),
            List.of(IamTokens.USER, IamTokens.PASSWORD),
            HuaweiCaseRegistration::create);

    private HuaweiCaseRegistration() {}

    private static ProviderGateway create(GatewayContext c) {
        Settings s = c.config().mapping(Settings.class);
        IamTokens tokens =
                new IamTokens(c.web(), s.iamUrl(), c.credentials(), s.refreshAhead(), c.requestTimeout(), c.clock());
        return new HuaweiCaseClient(
                c.web(),
                s.baseUrl(),
                tokens,
                s.language().orElse(null),
                s.timeZone().orElse(null));
    }
}
