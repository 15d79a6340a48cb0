package io.chatsignals.worker.provider;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.BaseUrls;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Base URLs chosen per account, for providers whose accounts live on different hosts (an account's own API host, or
 * one of several regional or product hosts): {@code <key>} for every account, and {@code <key>.<account>} for one.
 * All read and checked at start.
 */
public final class AccountUrls {
    private final String key;
    private final Map<String, String> urls;

    private AccountUrls(String key, Map<String, String> urls) {
        this.key = key;
        this.urls = Map.copyOf(urls);
    }

    /**
     * @param key        the setting, e.g. {@code <provider>.base-url}
     * @param defaultUrl the URL of accounts without their own ({@code <key>} as the app's settings mapping read it, with
     *                   its default); empty for none
     * @throws IllegalArgumentException naming the key, for a value that is not an http(s) URL with a host
     */
    public static AccountUrls read(AppConfig config, String key, Optional<String> defaultUrl) {
        Map<String, String> urls = new HashMap<>();
        defaultUrl.ifPresent(url -> urls.put("", BaseUrls.of(key, url)));
        config.withPrefix(key).forEach((account, url) -> urls.put(account, BaseUrls.of(key + "." + account, url)));
        return new AccountUrls(key, urls);
    }

    /** @return the account's base URL, else the default one; empty when neither is set */
    public Optional<String> of(String account) {
        return Optional.ofNullable(urls.getOrDefault(account, urls.get("")));
    }

    /** @return what to set when {@link #of} is empty: {@code set <key>[.<account>]} */
    public String missing(String account) {
        return "set " + key + "[." + account + "]";
    }
}
