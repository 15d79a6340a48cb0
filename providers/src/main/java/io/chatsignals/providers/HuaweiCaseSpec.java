package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.util.Map;
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

    /** The worker's endpoint and login settings were {@code huawei.*} before they took the key. */
    @Override
    public Map<String, String> formerSettingPrefixes() {
        return Map.of("huawei.", "huawei-case.");
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

    /**
     * Account: the IAM domain; customer: the case id (a path segment of the mark-read call); channel
     * {@value HuaweiCase#CHANNEL}; the thread's group id at most {@value HuaweiCase#GROUP_ID_MAX} characters. Opt-in:
     * only deployments running the connector have the topic.
     */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<HuaweiCaseInbound> INBOUND = new InboundSpec<>(
            HuaweiCaseInbound.class,
            Topics.INBOUND_HUAWEI_CASE,
            true,
            new InboundSpec.Fields("messageId", "account", "caseId", null),
            m -> new InboundMessage(
                    m.getMessageId(),
                    m.getAccount(),
                    m.getCaseId(),
                    m.getCreatedAt(),
                    HuaweiCase.CHANNEL,
                    m.getGroupId(),
                    null),
            HuaweiCaseInbound::getCreatedAt,
            m -> m.getGroupId() != null && m.getGroupId().length() > HuaweiCase.GROUP_ID_MAX
                    ? Optional.of("groupId is longer than " + HuaweiCase.GROUP_ID_MAX + " characters")
                    : Optional.empty(),
            null, // polled by the Huawei case source connector: no webhook
            false);
}
