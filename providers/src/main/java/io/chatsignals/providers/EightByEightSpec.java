package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.EightByEightWebhook;
import java.time.Duration;
import java.util.Optional;

/**
 * 8x8 Chat Apps (docs/providers.md, "8x8"): whatsapp — read and typing (8x8 "Mark message as read": WhatsApp only;
 * "Send typing indicator": whatsapp, rcs); rcs — typing only; other channels — none. Read within 30 days, typing
 * within 2 h of receipt; 10 requests/s per subaccount by default (none documented for these calls), message details
 * 1/s per subaccount (8x8 "Retrieve message details", API rate limiting).
 */
final class EightByEightSpec extends ProviderSpec {
    EightByEightSpec() {
        super(Provider.EIGHT_BY_EIGHT, "8x8", "eightbyeight", Duration.ofDays(30), EightByEight.TYPING_WINDOW);
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        if (action == CommandAction.MARK_READ) {
            return "whatsapp".equalsIgnoreCase(channel);
        }
        return action == CommandAction.TYPING
                && ("whatsapp".equalsIgnoreCase(channel) || "rcs".equalsIgnoreCase(channel));
    }

    @Override
    public double defaultPerSecond(String operation) {
        return operation.equals("details") ? EightByEight.DETAILS_PER_SECOND : 10.0;
    }

    @Override
    public boolean hasMessageDetails() {
        return true;
    }

    @Override
    public Optional<String> accountProblem(String account) {
        return EightByEight.validSubAccountId(account)
                ? Optional.empty()
                : Optional.of("does not match " + EightByEight.SUB_ACCOUNT_ID.pattern() + " (8x8 subAccountId)");
    }

    @Override
    public Optional<String> messageIdProblem(String messageId) {
        return EightByEight.validUmid(messageId)
                ? Optional.empty()
                : Optional.of("is not a UUID (8x8 umids are UUIDs)");
    }

    /** Customer: the msisdn, else the channelUserId; the channel as the webhook names it, in lower case. */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<EightByEightInbound> INBOUND = new InboundSpec<>(
            EightByEightInbound.class,
            Topics.INBOUND_8X8,
            false,
            new InboundSpec.Fields("umid", "subAccountId", "msisdn or channelUserId", "channel"),
            m -> new InboundMessage(
                    m.getUmid(),
                    m.getSubAccountId(),
                    InboundSpec.firstPresent(m.getMsisdn(), m.getChannelUserId()),
                    m.getTimestamp(),
                    InboundSpec.lowerCase(m.getChannel()),
                    null,
                    null),
            EightByEightInbound::getTimestamp,
            m -> Optional.empty(),
            new EightByEightWebhook(),
            false);
}
