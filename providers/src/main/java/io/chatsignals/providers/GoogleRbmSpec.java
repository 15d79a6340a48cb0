package io.chatsignals.providers;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.GoogleRbmInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.GoogleRbmWebhook;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Google RCS Business Messaging (docs/providers/google-rbm.md; Google "phones.agentEvents.create", "Send events"): rcs —
 * read ({@code READ} agent event, which names one message: a read covers only that message) and typing
 * ({@code IS_TYPING}, ephemeral, marking nothing read). READ events are kept up to 30 days for a user who is offline:
 * the read window; how long typing shows is undocumented: 24 h, a setting. Google documents no request rate: 50/s per
 * agent for each, configurable. The agent id and the customer's number become parts of the call's URL: the agent is
 * letters, digits, {@code _} and {@code -}; the number {@code +} and 7–15 digits.
 */
final class GoogleRbmSpec extends ProviderSpec {
    static final Pattern AGENT = Pattern.compile("^[A-Za-z0-9_-]{1,100}$");
    static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    GoogleRbmSpec() {
        super(Provider.GOOGLE_RBM, "google-rbm", "google-rbm", Duration.ofDays(30), Duration.ofHours(24));
    }

    @Override
    public boolean supports(String channel, CommandAction action) {
        return "rcs".equalsIgnoreCase(channel) && (action == CommandAction.MARK_READ || action == CommandAction.TYPING);
    }

    @Override
    public boolean readCoversEarlier(String groupId) {
        return false;
    }

    @Override
    public double defaultPerSecond(String operation) {
        return 50.0;
    }

    @Override
    public Optional<String> accountProblem(String account) {
        return account != null && AGENT.matcher(account).matches()
                ? Optional.empty()
                : Optional.of("is not an RBM agent id (letters, digits, _ and -; without @rbm.goog)");
    }

    @Override
    public Optional<String> customerProblem(String customer) {
        return customer != null && PHONE.matcher(customer).matches()
                ? Optional.empty()
                : Optional.of("is not a phone number in E.164 (+ and 7-15 digits)");
    }

    /** Account: the agent; customer: the sender's number; channel rcs. */
    @Override
    public Optional<InboundSpec<?>> inbound() {
        return Optional.of(INBOUND);
    }

    private static final InboundSpec<GoogleRbmInbound> INBOUND = new InboundSpec<>(
            GoogleRbmInbound.class,
            Topics.INBOUND_GOOGLE_RBM,
            false,
            new InboundSpec.Fields("messageId", "agentId", "senderPhoneNumber", null),
            m -> new InboundMessage(
                    m.getMessageId(), m.getAgentId(), m.getSenderPhoneNumber(), m.getSendTime(), "rcs", null, null),
            GoogleRbmInbound::getSendTime,
            m -> Optional.empty(),
            new GoogleRbmWebhook(),
            false);
}
