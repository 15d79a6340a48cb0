package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.webhooks.CloudApiWebhook;
import java.util.Optional;

/**
 * Meta's WhatsApp Cloud API, and BSPs that forward its request format such as 360dialog (docs/providers.md, "Meta
 * WhatsApp Cloud API"): whatsapp — read and typing, where the typing call also marks the message read (Meta "Typing
 * indicators"). Read within 30 days, typing within the 24 h customer-service window (unverified, configurable).
 * Reads and typing indicators share the phone number's one throughput limit, 80 requests/s by default (Meta
 * "Throughput"): one limit operation, {@code messages}. In a group ({@code group_id}) a read covers only the message
 * it names. The account is the phone number id, a path segment: digits only.
 */
final class WhatsAppCloudSpec extends ProviderSpec {
    WhatsAppCloudSpec() {
        super(
                Provider.WHATSAPP_CLOUD,
                "whatsapp-cloud",
                "whatsapp-cloud",
                WhatsAppCloud.READ_WINDOW,
                WhatsAppCloud.TYPING_WINDOW);
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return "whatsapp".equalsIgnoreCase(channel)
                && (action == CommandAction.MARK_READ || action == CommandAction.TYPING);
    }

    @Override
    public boolean typingMarksRead() {
        return true;
    }

    @Override
    public boolean readCoversEarlier(String groupId) {
        return groupId == null || groupId.isEmpty();
    }

    @Override
    public String limitOperation(CommandAction action) {
        return MESSAGES;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return WhatsAppCloud.DEFAULT_PER_SECOND;
    }

    @Override
    public Optional<String> accountProblem(String account) {
        return WhatsAppCloud.validPhoneNumberId(account)
                ? Optional.empty()
                : Optional.of("is not a phone number id (digits only: WhatsApp Cloud API phone_number_id)");
    }

    /**
     * Account: the phone number id; customer: the group of a group message (the group is the conversation), else the
     * sender's wa_id; channel whatsapp.
     */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<WhatsAppCloudInbound> INBOUND = new InboundSpec<>(
            WhatsAppCloudInbound.class,
            Topics.INBOUND_WHATSAPP_CLOUD,
            false,
            new InboundSpec.Fields("messageId", "phoneNumberId", "waId", null),
            m -> new InboundMessage(
                    m.getMessageId(),
                    m.getPhoneNumberId(),
                    InboundSpec.firstPresent(m.getGroupId(), m.getWaId()),
                    m.getTimestamp(),
                    "whatsapp",
                    InboundSpec.present(m.getGroupId()) ? m.getGroupId() : null,
                    null),
            WhatsAppCloudInbound::getTimestamp,
            m -> Optional.empty(),
            new CloudApiWebhook(),
            false);
}
