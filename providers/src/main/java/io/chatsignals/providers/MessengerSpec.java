package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.MessengerInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.MessengerWebhook;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Meta's Messenger Platform, for Messenger and Instagram (docs/providers/messenger.md; Meta "Sender actions", Messenger
 * and Instagram): channels {@code messenger} and {@code instagram} — read ({@code sender_action: mark_seen}, which marks
 * the newest message of the thread seen: a read covers the earlier messages) and typing ({@code typing_on}, shown up to
 * 20 s; it marks nothing seen, so a read is sent on its own). Both only within the standard messaging window of 24 h
 * after the customer's last message (whether the window gates sender actions is unverified: {@code read.max-age.
 * messenger} and {@code typing.window.messenger} change it). Sender actions count as Send API calls, 300/s per Page or
 * Instagram account (Meta "Rate limiting"), reads and typing together ({@code messages}). The account (Page or
 * Instagram account id) is a path segment: digits only.
 */
final class MessengerSpec extends ProviderSpec {
    /** A Page id or an Instagram professional account id: digits. */
    static final Pattern ACCOUNT = Pattern.compile("^[0-9]{1,32}$");
    /** The standard messaging window (Meta "Messenger Platform policy"). */
    static final Duration WINDOW = Duration.ofHours(24);

    MessengerSpec() {
        super(Provider.MESSENGER, "messenger", "messenger", WINDOW, WINDOW);
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return ("messenger".equalsIgnoreCase(channel) || "instagram".equalsIgnoreCase(channel))
                && (action == CommandAction.MARK_READ || action == CommandAction.TYPING);
    }

    @Override
    public String limitOperation(CommandAction action) {
        return MESSAGES;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return 300.0;
    }

    @Override
    public Optional<String> accountProblem(String account) {
        return account != null && ACCOUNT.matcher(account).matches()
                ? Optional.empty()
                : Optional.of("is not a Page or Instagram account id (digits only)");
    }

    /** Account: the Page or Instagram account; customer: the sender's PSID or IGSID; channel messenger or instagram. */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<MessengerInbound> INBOUND = new InboundSpec<>(
            MessengerInbound.class,
            Topics.INBOUND_MESSENGER,
            false,
            new InboundSpec.Fields("mid", "recipientId", "senderId", "channel"),
            m -> new InboundMessage(
                    m.getMid(),
                    m.getRecipientId(),
                    m.getSenderId(),
                    m.getTimestamp(),
                    InboundSpec.lowerCase(m.getChannel()),
                    null,
                    null),
            MessengerInbound::getTimestamp,
            m -> "messenger".equalsIgnoreCase(m.getChannel()) || "instagram".equalsIgnoreCase(m.getChannel())
                    ? Optional.empty()
                    : Optional.of("channel must be messenger or instagram, was '" + m.getChannel() + "'"),
            new MessengerWebhook(),
            false);
}
