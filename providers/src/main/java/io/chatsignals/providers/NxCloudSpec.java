package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.time.Duration;

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
}
