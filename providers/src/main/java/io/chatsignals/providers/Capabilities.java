package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.util.Locale;

/**
 * Which actions a provider's channel can take (docs/design.md, decision rule 6, docs/providers.md): 8x8 whatsapp — read and typing
 * (8x8 "Mark message as read": WhatsApp only; 8x8 "Send typing indicator": whatsapp, rcs); 8x8 rcs — typing only; other 8x8
 * channels — none; NXCloud whatsapp — read and typing, where the typing call also marks the message read, and needs
 * an appkey (docs/providers.md, "Typing indicator": body field {@code appkey}; without it NXCloud answers 9000); Huawei
 * case — read only (docs/providers.md, "Huawei Cloud service tickets": there is no typing API); UNKNOWN — none.
 */
public final class Capabilities {
    private Capabilities() {}

    /** @return whether the action can be taken on a message of that provider and channel */
    public static boolean supports(Provider provider, String channel, CommandAction action) {
        String c = channel == null ? "" : channel.toLowerCase(Locale.ROOT);
        if (action == null || action == CommandAction.UNKNOWN) {
            return false;
        }
        if (provider == Provider.HUAWEI_CASE) {
            return action == CommandAction.MARK_READ;
        }
        if (provider == Provider.NXCLOUD) {
            return c.equals("whatsapp");
        }
        if (provider != Provider.EIGHT_BY_EIGHT) {
            return false;
        }
        return action == CommandAction.MARK_READ ? c.equals("whatsapp") : c.equals("whatsapp") || c.equals("rcs");
    }

    /**
     * @param appKey the conversation's NXCloud appkey (from its record or configuration), may be null
     * @return whether the action can be taken: {@link #supports(Provider, String, CommandAction)}, and for an NXCloud
     *         TYPING an appkey to send
     */
    public static boolean supports(Provider provider, String channel, CommandAction action, String appKey) {
        boolean missingAppKey =
                provider == Provider.NXCLOUD && action == CommandAction.TYPING && (appKey == null || appKey.isBlank());
        return !missingAppKey && supports(provider, channel, action);
    }

    /** @return whether a TYPING command also marks the message read (NXCloud typingIndicator) */
    public static boolean typingMarksRead(Provider provider) {
        return provider == Provider.NXCLOUD;
    }
}
