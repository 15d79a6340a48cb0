package io.chatsignals.worker.provider;

import io.vertx.core.Future;

/** A provider's message-details lookup, which the enricher calls after a successful command (8x8 "Retrieve message details"). */
@FunctionalInterface
public interface DetailsLookup {
    /**
     * @return the lookup's classified result, its body the provider's message details; transport errors are results,
     *         never a failed future
     */
    Future<ProviderResult> details(String account, String messageId);
}
