package io.chatsignals.worker.provider;

import io.chatsignals.schema.Provider;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one shape of a provider call, which every {@link ProviderGateway} follows: the ids the call puts in its URL or
 * body checked against the provider's rules before anything is built ({@link IdRules}: refused ids end the command
 * {@code FAILED} without a call); the credential had (none: a result naming the setting to set); the request sent and
 * its answer classified by the provider's own rules; a request that got no answer (a timeout, a refused or reset
 * connection) turned into a retryable result naming the request, a certificate failure into a permanent one
 * ({@link ProviderResult#transportError(Throwable, String, long)}). Stateless.
 */
public final class ProviderRequest {
    /** A credential that is not configured: its message names the setting to set. */
    public static final class MissingCredential extends Exception {
        private static final long serialVersionUID = 1L;

        MissingCredential(String message) {
            super(message, null, false, false);
        }
    }

    private ProviderRequest() {}

    /**
     * @param missing what to tell when the credential is not configured, naming the setting
     * @return the configured credential, or a future failed with {@link MissingCredential}
     */
    public static <C> Future<C> configured(Optional<C> credential, String missing) {
        return credential
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new MissingCredential(missing)));
    }

    /** As {@link #call(Provider, String, String, String, Future, Function, Function, Supplier, long)}, a missing credential permanent. */
    public static <C> Future<ProviderResult> call(
            Provider provider,
            String account,
            String customer,
            String messageId,
            Future<C> credential,
            Function<C, Future<ProviderResult>> exchange,
            Supplier<String> request,
            long timeoutMs) {
        return call(
                provider,
                account,
                customer,
                messageId,
                credential,
                e -> ProviderResult.permanent(e.getMessage()),
                exchange,
                request,
                timeoutMs);
    }

    /**
     * @param account      the account the call names (checked), null when it names none
     * @param customer     the customer the call names (checked), null when it names none
     * @param messageId    the message the call names (checked), null when it names none
     * @param credential   the credential of the call; failed when it cannot be had
     * @param noCredential what a credential that cannot be had makes of the call ({@link MissingCredential}: not
     *                     configured)
     * @param exchange     sends the request with the credential and classifies the answer
     * @param request      the request as a log line may name it ({@code POST /path}), never with a secret; asked only
     *                     once the ids passed their rules
     * @param timeoutMs    the request's timeout, ms (named in a timeout's result)
     * @return the call's result; never a failed future
     */
    public static <C> Future<ProviderResult> call(
            Provider provider,
            String account,
            String customer,
            String messageId,
            Future<C> credential,
            Function<Throwable, ProviderResult> noCredential,
            Function<C, Future<ProviderResult>> exchange,
            Supplier<String> request,
            long timeoutMs) {
        Optional<ProviderResult> refused = IdRules.refusal(provider, account, customer, messageId);
        if (refused.isPresent()) {
            return Future.succeededFuture(refused.get());
        }
        return credential.transform(had -> had.failed()
                ? Future.succeededFuture(noCredential.apply(had.cause()))
                : exchange.apply(had.result())
                        .otherwise(e -> ProviderResult.transportError(e, request.get(), timeoutMs)));
    }
}
