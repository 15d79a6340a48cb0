package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;

import java.util.Locale;

/**
 * Which actions a provider's channel can take (DESIGN.md rule 6, PROVIDERS.md): 8x8 whatsapp — read and typing
 * (8x8-mark-message-read.txt: WhatsApp only; 8x8-typing-indicator.txt: whatsapp, rcs); 8x8 rcs — typing only; other 8x8
 * channels — none; NXCloud whatsapp — read and typing, where the typing call also marks the message read.
 */
public final class Capabilities {
    private Capabilities() {
    }

    /** @return whether the action can be taken on a message of that provider and channel */
    public static boolean supports(Provider provider, String channel, CommandAction action) {
        String c = channel == null ? "" : channel.toLowerCase(Locale.ROOT);
        if (provider == Provider.NXCLOUD) {
            return c.equals("whatsapp");
        }
        return action == CommandAction.MARK_READ ? c.equals("whatsapp") : c.equals("whatsapp") || c.equals("rcs");
    }

    /** @return whether a TYPING command also marks the message read (NXCloud typingIndicator) */
    public static boolean typingMarksRead(Provider provider) {
        return provider == Provider.NXCLOUD;
    }
}
