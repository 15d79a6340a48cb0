package io.chatsignals.providers;

import io.chatsignals.schema.Provider;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** The registry of providers: one line per provider, checked by the compiler to cover every contract symbol. */
public final class ProviderSpecs {
    private static final ProviderSpec EIGHT_BY_EIGHT = new EightByEightSpec();
    private static final ProviderSpec NXCLOUD = new NxCloudSpec();
    private static final ProviderSpec HUAWEI_CASE = new HuaweiCaseSpec();
    private static final ProviderSpec WHATSAPP_CLOUD = new WhatsAppCloudSpec();
    private static final ProviderSpec INFOBIP = new InfobipSpec();
    private static final ProviderSpec MESSENGER = new MessengerSpec();
    private static final ProviderSpec TWILIO = new TwilioSpec();
    private static final ProviderSpec GOOGLE_RBM = new GoogleRbmSpec();
    private static final ProviderSpec UNKNOWN = new UnknownSpec();
    private static final List<ProviderSpec> KNOWN = Arrays.stream(Provider.values())
            .filter(p -> p != Provider.UNKNOWN)
            .map(ProviderSpecs::of)
            .toList();
    private static final Map<Class<?>, ProviderSpec> BY_INBOUND_TYPE = KNOWN.stream()
            .filter(s -> s.inbound().isPresent())
            .collect(Collectors.toUnmodifiableMap(s -> s.inbound().get().type(), Function.identity()));

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
            case INFOBIP -> INFOBIP;
            case MESSENGER -> MESSENGER;
            case TWILIO -> TWILIO;
            case GOOGLE_RBM -> GOOGLE_RBM;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** @return every provider's {@link ProviderSpec#formerSettingPrefixes()}, old prefix → new */
    public static Map<String, String> formerSettingPrefixes() {
        Map<String, String> all = new LinkedHashMap<>();
        KNOWN.forEach(s -> all.putAll(s.formerSettingPrefixes()));
        return Map.copyOf(all);
    }

    /** @return the spec of every provider this version serves, in contract order ({@code UNKNOWN} left out) */
    public static List<ProviderSpec> known() {
        return KNOWN;
    }

    /**
     * @param name a contract symbol or a provider's key, any case ({@code WHATSAPP_CLOUD} or
     *             {@code whatsapp-cloud})
     * @return the provider's spec; empty for another name or {@code UNKNOWN}
     */
    public static Optional<ProviderSpec> byName(String name) {
        return KNOWN.stream()
                .filter(s ->
                        s.provider().name().equalsIgnoreCase(name) || s.key().equalsIgnoreCase(name))
                .findFirst();
    }

    /**
     * @param name a contract symbol or a provider's key, any case
     * @return the provider's spec
     * @throws IllegalArgumentException {@code provider: '<name>' is none of <every key>}, for another name
     */
    public static ProviderSpec named(String name) {
        return byName(name)
                .orElseThrow(() -> new IllegalArgumentException("provider: '" + name + "' is none of "
                        + String.join(
                                ", ", KNOWN.stream().map(ProviderSpec::key).toList())));
    }

    /** @return the spec of every provider with inbound records of its own, in contract order */
    public static List<ProviderSpec> withInbound() {
        return KNOWN.stream().filter(s -> s.inbound().isPresent()).toList();
    }

    /** @return the spec whose inbound records have the value's class; empty for another type or null */
    public static Optional<ProviderSpec> ofInbound(Object value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_INBOUND_TYPE.get(value.getClass()));
    }

    /**
     * @return the record key every writer gives an inbound record: its conversation,
     *         {@code <provider>:<account>:<customer>} ({@link InboundSpec#conversationKey})
     * @throws IllegalArgumentException for a record that is no provider's inbound record
     */
    public static String conversationKey(SpecificRecord record) {
        ProviderSpec spec = ofInboundRecord(record);
        return spec.inbound().orElseThrow().conversationKey(spec.provider(), record);
    }

    /**
     * @return the default topic of an inbound record (docs/design.md, "Topics")
     * @throws IllegalArgumentException for a record that is no provider's inbound record
     */
    public static String defaultTopic(SpecificRecord record) {
        return ofInboundRecord(record).inbound().orElseThrow().topic();
    }

    private static ProviderSpec ofInboundRecord(SpecificRecord record) {
        return ofInbound(record)
                .orElseThrow(() -> new IllegalArgumentException("not a provider's inbound record: "
                        + (record == null ? "null" : record.getSchema().getFullName())));
    }
}
