package io.chatsignals.worker.provider;

import io.chatsignals.ops.LogSafe;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import java.util.Optional;

/**
 * A provider's id rules ({@link ProviderSpec#accountProblem} and the like) with their one text, for the worker's two
 * checks: the intake's (an invalid command goes to the DLQ) and each client's right before it builds a URL (an id that
 * did not come through the intake can still never leave its path segment). The topology's validation words them the
 * same way.
 */
public final class IdRules {
    private IdRules() {}

    /**
     * @param account   the account id, or null when the call has none to check
     * @param customer  the customer id, or null
     * @param messageId the message id, or null
     * @return the first broken rule, as {@code <field> '<value>' <problem>} (the value escaped: it is logged and becomes
     *         a DLQ header), or empty when every id given meets its provider's rule
     */
    public static Optional<String> problem(Provider provider, String account, String customer, String messageId) {
        ProviderSpec spec = ProviderSpecs.of(provider);
        return check("account", account, spec.accountProblem(account))
                .or(() -> check("customer", customer, spec.customerProblem(customer)))
                .or(() -> check("messageId", messageId, spec.messageIdProblem(messageId)));
    }

    /** @return a PERMANENT result without a call when {@link #problem} finds one */
    public static Optional<ProviderResult> refusal(
            Provider provider, String account, String customer, String messageId) {
        return problem(provider, account, customer, messageId).map(ProviderResult::permanent);
    }

    private static Optional<String> check(String field, String value, Optional<String> problem) {
        return problem.map(p -> field + " " + LogSafe.quote(value) + " " + p);
    }
}
