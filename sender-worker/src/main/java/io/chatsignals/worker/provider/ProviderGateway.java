package io.chatsignals.worker.provider;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import io.vertx.core.Future;

/**
 * One provider as the dispatcher sees it: executes the call a command stands for. One implementation per provider
 * (its client); a new provider plugs in by implementing this and being listed in {@link Gateways}.
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
}
