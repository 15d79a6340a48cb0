package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.InfobipInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.InfobipWebhook;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Infobip WhatsApp (docs/providers/infobip.md; Infobip "Mark WhatsApp message as read", Infobip Java SDK 6.4.0
 * {@code WhatsAppApi}): whatsapp — read ({@code POST /whatsapp/1/senders/{sender}/message/{messageId}/read}) and
 * typing ({@code POST /whatsapp/1/events}, {@code TYPING_INDICATOR}; that it also marks the message read is inferred,
 * not documented: a read is still sent). Read within 30 days, typing within the 24 h customer-service window (WhatsApp's
 * rules). 10 requests/s per account (the mark-read page), reads and typing counted together ({@code messages}). The
 * sender and the message id become path segments: the sender is digits, the message id one safe segment.
 */
final class InfobipSpec extends ProviderSpec {
    /** The sender: the business's registered WhatsApp number, international format, digits only. */
    static final Pattern SENDER = Pattern.compile("^[0-9]{1,20}$");
    /** A message id that can only ever be one path segment: no separator, no escape, no dot segment. */
    static final Pattern MESSAGE_ID = Pattern.compile("^(?!\\.{1,2}$)[A-Za-z0-9._:~=+-]{1,200}$");

    InfobipSpec() {
        super(Provider.INFOBIP, "infobip", "infobip", Duration.ofDays(30), Duration.ofHours(24));
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return "whatsapp".equalsIgnoreCase(channel)
                && (action == CommandAction.MARK_READ || action == CommandAction.TYPING);
    }

    @Override
    public String limitOperation(CommandAction action) {
        return MESSAGES;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return 10.0;
    }

    @Override
    public Optional<String> accountProblem(String account) {
        return account != null && SENDER.matcher(account).matches()
                ? Optional.empty()
                : Optional.of("is not an Infobip sender (digits only, international format)");
    }

    @Override
    public Optional<String> messageIdProblem(String messageId) {
        return messageId != null && MESSAGE_ID.matcher(messageId).matches()
                ? Optional.empty()
                : Optional.of("is not one path segment (1-200 of A-Z a-z 0-9 . _ : ~ = + -, not . or ..)");
    }

    /** Account: the sender (the business number the customer wrote to); customer: the customer's number. */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<InfobipInbound> INBOUND = new InboundSpec<>(
            InfobipInbound.class,
            Topics.INBOUND_INFOBIP,
            false,
            new InboundSpec.Fields("messageId", "sender", "from", null),
            m -> new InboundMessage(
                    m.getMessageId(), m.getSender(), m.getFrom(), m.getReceivedAt(), "whatsapp", null, null),
            InfobipInbound::getReceivedAt,
            m -> Optional.empty(),
            new InfobipWebhook(),
            false);
}
