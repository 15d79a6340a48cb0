package io.chatsignals.worker.provider;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Routes each command to the gateway of its provider. Immutable, thread-safe. */
public final class Gateways {
    private final Map<Provider, ProviderGateway> byProvider = new EnumMap<>(Provider.class);

    private Gateways(ProviderGateway... gateways) {
        for (ProviderGateway g : gateways) {
            if (byProvider.put(g.provider(), g) != null) {
                throw new IllegalArgumentException("two gateways for " + g.provider());
            }
        }
    }

    /**
     * @return the routing over these gateways
     * @throws IllegalArgumentException when two serve the same provider
     */
    public static Gateways of(ProviderGateway... gateways) {
        return new Gateways(gateways);
    }

    /** @return the message-details lookup of the provider's gateway, empty when it has none or no gateway serves it */
    public Optional<DetailsLookup> detailsLookup(Provider provider) {
        ProviderGateway gateway = byProvider.get(provider);
        return gateway == null ? Optional.empty() : gateway.detailsLookup();
    }

    /**
     * @return the call's result; PERMANENT without a call for a provider no gateway serves (a symbol added to the
     *         contract later, read as {@code UNKNOWN})
     */
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        ProviderGateway gateway = byProvider.get(command.getProvider());
        return gateway == null
                ? Future.succeededFuture(ProviderResult.permanent("no gateway for provider " + command.getProvider()))
                : gateway.execute(command, timeoutMs);
    }
}
