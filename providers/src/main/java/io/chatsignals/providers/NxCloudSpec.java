package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.time.Duration;

/**
 * NXCloud WhatsApp (docs/providers.md, "NXCloud"): whatsapp — read and typing, where the typing call also marks the
 * message read and needs an appkey (body field {@code appkey}; without it NXCloud answers 9000). Read within 30 days,
 * typing within the 24 h customer-service window; 10 requests/s per business phone by default (none documented).
 */
final class NxCloudSpec implements ProviderSpec {
    private static final Duration READ_WINDOW = Duration.ofDays(30);
    private static final Duration TYPING_WINDOW = Duration.ofHours(24);

    @Override
    public Provider provider() {
        return Provider.NXCLOUD;
    }

    @Override
    public String key() {
        return "nxcloud";
    }

    @Override
    public String limitsKey() {
        return "nxcloud";
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
    public Duration readWindow() {
        return READ_WINDOW;
    }

    @Override
    public Duration typingWindow() {
        return TYPING_WINDOW;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return 10.0;
    }
}
