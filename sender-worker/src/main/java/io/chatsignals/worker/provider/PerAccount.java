package io.chatsignals.worker.provider;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.BaseUrls;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * A provider setting with a value for every account and, where an account differs, one of its own:
 * {@code <key>} for every account, {@code <key>.<account>} for one (an account's own API host, one of several regional
 * or product hosts, an account's RCS sender). All read and checked at start.
 */
public final class PerAccount {
    private final String key;
    private final Map<String, String> values;

    private PerAccount(String key, Map<String, String> values) {
        this.key = key;
        this.values = Map.copyOf(values);
    }

    /**
     * @param key          the setting, e.g. {@code <provider>.base-url}
     * @param defaultValue the value of accounts without their own ({@code <key>} as the app's settings mapping read it,
     *                     with its default); empty for none
     * @param check        (the key as named, the value) → the value to keep
     * @throws IllegalArgumentException naming the key, for a value {@code check} refuses
     */
    public static PerAccount read(
            AppConfig config, String key, Optional<String> defaultValue, BinaryOperator<String> check) {
        Map<String, String> values = new HashMap<>();
        defaultValue.ifPresent(v -> values.put("", check.apply(key, v)));
        config.withPrefix(key).forEach((account, v) -> values.put(account, check.apply(key + "." + account, v)));
        return new PerAccount(key, values);
    }

    /**
     * Base URLs per account.
     *
     * @throws IllegalArgumentException naming the key, for a value that is not an http(s) URL with a host
     */
    public static PerAccount urls(AppConfig config, String key, Optional<String> defaultUrl) {
        return read(config, key, defaultUrl, BaseUrls::of);
    }

    /** @return the account's value, else the value of every account; empty when neither is set */
    public Optional<String> of(String account) {
        return Optional.ofNullable(values.getOrDefault(account, values.get("")));
    }

    /** @return what to set when {@link #of} is empty: {@code set <key>[.<account>]} */
    public String missing(String account) {
        return "set " + key + "[." + account + "]";
    }
}
