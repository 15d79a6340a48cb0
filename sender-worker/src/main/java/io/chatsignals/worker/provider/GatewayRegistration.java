package io.chatsignals.worker.provider;

import io.chatsignals.schema.Provider;
import java.util.List;

/**
 * One provider in the worker: its settings (a SmallRye {@code @ConfigMapping} interface of its own keys) and how its
 * gateway is built. Listed once in {@link Registrations#ALL}; docs/design.md, "Adding a provider".
 */
public interface GatewayRegistration {
    /** @return the provider whose commands the gateway executes */
    Provider provider();

    /** @return the provider's settings mapping (its keys, with defaults), for the README's tables and the config dump */
    Class<?> settings();

    /** @return the prefixes of the provider's own keys ({@code eightbyeight.}), for the start-up config dump */
    List<String> keyPrefixes();

    /**
     * @return the gateway, built on the shared HTTP client
     * @throws IllegalArgumentException naming the key, for a malformed setting of the provider
     */
    ProviderGateway create(GatewayContext context);
}
