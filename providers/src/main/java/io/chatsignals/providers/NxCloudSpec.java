package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.NxCloudWebhook;
import java.time.Duration;
import java.util.Optional;

/**
 * NXCloud WhatsApp (docs/providers.md, "NXCloud"): whatsapp — read and typing, where the typing call also marks the
 * message read and needs an appkey (body field {@code appkey}; without it NXCloud answers 9000). Read within 30 days,
 * typing within the 24 h customer-service window; 10 requests/s per business phone by default (none documented).
 */
final class NxCloudSpec extends ProviderSpec {
    NxCloudSpec() {
        super(Provider.NXCLOUD, "nxcloud", "nxcloud", Duration.ofDays(30), Duration.ofHours(24));
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return "whatsapp".equalsIgnoreCase(channel)
                && (action == CommandAction.MARK_READ || action == CommandAction.TYPING);
    }

    @Override
    public boolean needsAppKey(CommandAction action) {
        return action == CommandAction.TYPING;
    }

    @Override
    public boolean typingMarksRead() {
        return true;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return 10.0;
    }

    /** Customer: the wa_id, else the user_id; channel whatsapp; the record's appkey, if any. */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<NxCloudInbound> INBOUND = new InboundSpec<>(
            NxCloudInbound.class,
            Topics.INBOUND_NXCLOUD,
            false,
            new InboundSpec.Fields("messageId", "businessPhone", "waId or userId", null),
            m -> new InboundMessage(
                    m.getMessageId(),
                    m.getBusinessPhone(),
                    InboundSpec.firstPresent(m.getWaId(), m.getUserId()),
                    m.getTimestamp(),
                    "whatsapp",
                    null,
                    m.getAppId()),
            NxCloudInbound::getTimestamp,
            m -> Optional.empty(),
            new NxCloudWebhook(),
            false);
}
