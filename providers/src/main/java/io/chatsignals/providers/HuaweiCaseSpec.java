package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.util.Optional;

/**
 * Huawei Cloud service-ticket (case) messages (docs/providers.md, "Huawei Cloud service tickets"): read only (there is
 * no typing API), on the channel {@value HuaweiCase#CHANNEL}; no read window is documented (30 days by default, as WhatsApp);
 * no rate limit documented ({@link HuaweiCase#DEFAULT_PER_SECOND} per account). The case id is the customer of a
 * conversation and a path segment of the mark-read call, so only {@link HuaweiCase#CASE_ID} passes.
 */
final class HuaweiCaseSpec extends ProviderSpec {
    HuaweiCaseSpec() {
        super(Provider.HUAWEI_CASE, "huawei-case", "huawei-case", Duration.ofDays(30), Duration.ZERO);
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return action == CommandAction.MARK_READ;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return HuaweiCase.DEFAULT_PER_SECOND;
    }

    @Override
    public Optional<String> customerProblem(String customer) {
        return HuaweiCase.validCaseId(customer)
                ? Optional.empty()
                : Optional.of("does not match " + HuaweiCase.CASE_ID.pattern() + " (Huawei case id)");
    }
}
