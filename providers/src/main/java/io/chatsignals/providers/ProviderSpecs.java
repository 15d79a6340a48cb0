package io.chatsignals.providers;

import io.chatsignals.schema.Provider;
import java.util.Arrays;
import java.util.List;

/** The registry of providers: one line per provider, checked by the compiler to cover every contract symbol. */
public final class ProviderSpecs {
    private static final ProviderSpec EIGHT_BY_EIGHT = new EightByEightSpec();
    private static final ProviderSpec NXCLOUD = new NxCloudSpec();
    private static final ProviderSpec HUAWEI_CASE = new HuaweiCaseSpec();
    private static final ProviderSpec WHATSAPP_CLOUD = new WhatsAppCloudSpec();
    private static final ProviderSpec UNKNOWN = new UnknownSpec();
    private static final List<ProviderSpec> KNOWN = Arrays.stream(Provider.values())
            .filter(p -> p != Provider.UNKNOWN)
            .map(ProviderSpecs::of)
            .toList();

    private ProviderSpecs() {}

    /**
     * @param provider a contract symbol; null reads as {@code UNKNOWN}
     * @return its spec; for {@code UNKNOWN} (a symbol added by a newer writer) one that supports nothing
     */
    public static ProviderSpec of(Provider provider) {
        if (provider == null) {
            return UNKNOWN;
        }
        return switch (provider) {
            case EIGHT_BY_EIGHT -> EIGHT_BY_EIGHT;
            case NXCLOUD -> NXCLOUD;
            case HUAWEI_CASE -> HUAWEI_CASE;
            case WHATSAPP_CLOUD -> WHATSAPP_CLOUD;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** @return the spec of every provider this version serves, in contract order ({@code UNKNOWN} left out) */
    public static List<ProviderSpec> known() {
        return KNOWN;
    }
}
