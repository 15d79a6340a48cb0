package io.chatsignals.worker.provider;

import io.chatsignals.schema.Provider;
import java.util.List;
import java.util.function.Function;

/**
 * One provider in the worker: its settings (a SmallRye {@code @ConfigMapping} interface of its own keys) and how its
 * gateway is built. Listed once in {@link Registrations#ALL}; docs/design.md, "Adding a provider".
 *
 * @param provider    the provider whose commands the gateway executes
 * @param settings    the provider's settings mapping (its keys, with defaults), for the docs/configuration.md's tables
 * @param keyPrefixes the prefixes of the provider's own keys, for the start-up config dump
 * @param secretKeys  the keys its credentials are read from ({@link Credentials}: each per account or one default)
 * @param factory     builds the gateway on the shared HTTP client; throws {@link IllegalArgumentException} naming the
 *                    key, for a malformed setting of the provider
 */
public record GatewayRegistration(
        Provider provider,
        Class<?> settings,
        List<String> keyPrefixes,
        List<String> secretKeys,
        Function<GatewayContext, ProviderGateway> factory) {

    /** @return the gateway (see {@link #factory()}) */
    public ProviderGateway create(GatewayContext context) {
        return factory.apply(context);
    }
}
