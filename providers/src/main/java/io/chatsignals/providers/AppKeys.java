package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Application keys by provider and business account, from configuration: {@code <key>.app-key} (the provider's
 * default) and {@code <key>.app-key.<account>}, for every provider whose spec needs one for some action
 * ({@link ProviderSpec#needsAppKey}; {@code <key>} is the spec's key). A record or command that carries its own key
 * keeps it; one without takes its account's configured key, else the default; with neither, the action that needs it
 * cannot be sent (the spec's {@code supports} says no). NXCloud's typing indicator is such an action: its spec cites
 * the provider's documentation.
 */
public final class AppKeys {
    private record Keys(String defaultKey, Map<String, String> perAccount) {}

    private static final AppKeys NONE = new AppKeys(new EnumMap<>(Provider.class));

    private final Map<Provider, Keys> byProvider;

    private AppKeys(Map<Provider, Keys> byProvider) {
        this.byProvider = byProvider;
    }

    /** No key configured: only records and commands that carry one can take the actions that need one. */
    public static AppKeys none() {
        return NONE;
    }

    /**
     * @param setting    a setting's value by its full key, empty when unset
     * @param withPrefix the settings under a prefix, keyed by the rest of the key (account → app key here)
     * @return the keys configured for every provider that needs one
     */
    public static AppKeys of(
            Function<String, Optional<String>> setting, Function<String, Map<String, String>> withPrefix) {
        AppKeys keys = NONE;
        for (ProviderSpec spec : keyed()) {
            String key = settingKey(spec);
            keys = keys.with(spec.provider(), setting.apply(key).orElse(null), withPrefix.apply(key));
        }
        return keys;
    }

    /** @return the prefixes of the settings this table reads, {@code <key>.} per provider that needs a key */
    public static List<String> settingPrefixes() {
        return keyed().stream().map(s -> s.key() + ".").toList();
    }

    /**
     * @param defaultKey the key of every account without its own, or null/blank for none
     * @param perAccount business account → its key (blank values count as unset)
     * @return this table with {@code provider}'s keys replaced
     */
    public AppKeys with(Provider provider, String defaultKey, Map<String, String> perAccount) {
        Map<Provider, Keys> next = new EnumMap<>(Provider.class);
        next.putAll(byProvider);
        next.put(provider, new Keys(present(defaultKey), Map.copyOf(perAccount)));
        return new AppKeys(next);
    }

    /**
     * @param recordKey the app key the record or command carries, may be null or blank
     * @param account   its business account, may be null
     * @return the record's key, else the account's configured one, else the provider's default; empty when none (a
     *         provider without configured keys keeps the record's value as it is)
     */
    public Optional<String> resolve(Provider provider, String recordKey, String account) {
        Keys keys = byProvider.get(provider);
        if (keys == null || (recordKey != null && !recordKey.isBlank())) {
            return Optional.ofNullable(recordKey);
        }
        String configured = account == null ? null : present(keys.perAccount().get(account));
        return Optional.ofNullable(configured != null ? configured : keys.defaultKey());
    }

    private static List<ProviderSpec> keyed() {
        return ProviderSpecs.known().stream()
                .filter(s -> Arrays.stream(CommandAction.values()).anyMatch(s::needsAppKey))
                .toList();
    }

    private static String settingKey(ProviderSpec spec) {
        return spec.key() + ".app-key";
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
