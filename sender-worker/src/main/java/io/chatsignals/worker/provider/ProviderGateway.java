package io.chatsignals.worker.provider;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * One provider as the dispatcher sees it: executes the call a command stands for. One implementation per provider
 * (its client), built by its {@link GatewayRegistration}.
 */
public interface ProviderGateway {
    /** @return the provider whose commands this executes */
    Provider provider();

    /**
     * Makes the command's one provider call (mark read or typing).
     *
     * @param timeoutMs the request timeout of this attempt, ms
     * @return the classified result ({@link ProviderResult}); transport errors are results, never a failed future
     */
    Future<ProviderResult> execute(ChatCommand command, long timeoutMs);

    /** @return the provider's message-details lookup, for providers whose statuses are enriched; else empty */
    default Optional<DetailsLookup> detailsLookup() {
        return Optional.empty();
    }
}
