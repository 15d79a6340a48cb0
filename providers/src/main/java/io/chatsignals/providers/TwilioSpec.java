package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.TwilioInbound;
import io.chatsignals.webhooks.TwilioWebhook;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Twilio WhatsApp and RCS (docs/providers/twilio.md; Twilio "Typing indicators resource", twilio-oai messaging v2/v3):
 * typing only — on whatsapp the v2 typing call shows "typing…" and marks the named message read (there is no call that
 * only marks read, so a read decision alone is unsupported and {@code typing.policy=on-receipt} gives blue ticks); on
 * rcs the v3 typing call (its general availability unverified: off unless {@code twilio.rcs-typing}). Typing within
 * WhatsApp's 24 h customer-service window. Twilio documents no request rate for these calls (it limits concurrency
 * per account and answers 429/20429): 50/s per account by default, configurable. The account is the Account SID; the
 * message id must be a message SID ({@code SM}/{@code MM} + 32 hex), as Twilio's API definition requires.
 */
final class TwilioSpec extends ProviderSpec {
    static final Pattern ACCOUNT_SID = Pattern.compile("^AC[0-9a-fA-F]{32}$");
    static final Pattern MESSAGE_SID = Pattern.compile("^(SM|MM)[0-9a-fA-F]{32}$");

    TwilioSpec() {
        super(Provider.TWILIO, "twilio", "twilio", Duration.ofDays(30), Duration.ofHours(24));
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return ("whatsapp".equalsIgnoreCase(channel) || "rcs".equalsIgnoreCase(channel))
                && action == CommandAction.TYPING;
    }

    @Override
    public boolean typingMarksRead() {
        return true;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return 50.0;
    }

    @Override
    public Optional<String> accountProblem(String account) {
        return account != null && ACCOUNT_SID.matcher(account).matches()
                ? Optional.empty()
                : Optional.of("is not a Twilio Account SID (AC and 32 hex digits)");
    }

    @Override
    public Optional<String> messageIdProblem(String messageId) {
        return messageId != null && MESSAGE_SID.matcher(messageId).matches()
                ? Optional.empty()
                : Optional.of("is not a Twilio message SID (SM or MM and 32 hex digits)");
    }

    /** Account: the Account SID; customer: the customer's address ({@code whatsapp:+…}); channel from its prefix. */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<TwilioInbound> INBOUND = new InboundSpec<>(
            TwilioInbound.class,
            Topics.INBOUND_TWILIO,
            false,
            new InboundSpec.Fields("messageSid", "accountSid", "from", "channel"),
            m -> new InboundMessage(
                    m.getMessageSid(),
                    m.getAccountSid(),
                    m.getFrom(),
                    m.getReceivedAt(),
                    InboundSpec.lowerCase(m.getChannel()),
                    null,
                    null),
            TwilioInbound::getReceivedAt,
            m -> Optional.empty(),
            new TwilioWebhook(),
            true); // its webhook has no timestamp: receivedAt is the ingress's receipt
}
