package io.chatsignals.worker.provider;

import io.chatsignals.schema.MessageDetails;
import io.vertx.core.Future;

/** A provider's message-details lookup, which the enricher calls after a successful command. */
public interface DetailsLookup {
    /**
     * @return the lookup's classified result, its body the provider's message details; transport errors are results,
     *         never a failed future
     */
    Future<ProviderResult> details(String account, String messageId);

    /**
     * @param body the body of a successful {@link #details} answer
     * @return the contract's message details it holds (the latest channel attempt)
     * @throws IllegalArgumentException if the body is not what the provider documents
     */
    MessageDetails parse(String body);
}
