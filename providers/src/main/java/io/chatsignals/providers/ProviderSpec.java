package io.chatsignals.providers;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One provider as chat-signals knows it: what its channels can do, its time windows, its default limits, its names in
 * setting keys and the rules its ids must meet before they become URL path segments. Every module asks
 * {@link ProviderSpecs#of(Provider)} instead of comparing {@link Provider} symbols itself; adding a provider is a new
 * subclass and one line in {@link ProviderSpecs} (docs/design.md, "Adding a provider"). Implementations are
 * immutable and thread-safe.
 */
public abstract class ProviderSpec {
    private final Provider provider;
    private final String key;
    private final String limitsKey;
    private final Duration readWindow;
    private final Duration typingWindow;

    /**
     * @param key          see {@link #key()}
     * @param limitsKey    see {@link #limitsKey()}
     * @param readWindow   see {@link #readWindow()}
     * @param typingWindow see {@link #typingWindow()}; zero for a provider without typing
     */
    protected ProviderSpec(
            Provider provider, String key, String limitsKey, Duration readWindow, Duration typingWindow) {
        this.provider = provider;
        this.key = key;
        this.limitsKey = limitsKey;
        this.readWindow = readWindow;
        this.typingWindow = typingWindow;
    }

    /** @return the contract symbol */
    public final Provider provider() {
        return provider;
    }

    /**
     * @return the provider's name in streams-app's setting keys ({@code typing.window.<key>},
     *         {@code read.max-age.<key>}), its topics, metrics tags and docs ({@code docs/providers/<key>.md})
     */
    public final String key() {
        return key;
    }

    /** @return the provider's name in sender-worker's rate-limit keys, {@code limits.<name>.<operation>-per-second} */
    public final String limitsKey() {
        return limitsKey;
    }

    /**
     * @param channel the conversation's channel, any case ({@code whatsapp}, {@code rcs}, {@code case}); may be null
     * @return whether the action can be taken on a message of that channel
     */
    public abstract boolean supports(String channel, CommandAction action);

    /**
     * @param appKey the conversation's NXCloud appkey (from its record or configuration), may be null
     * @return {@link #supports(String, CommandAction)}, and for an action that needs an appkey, one to send
     */
    public final boolean supports(String channel, CommandAction action, String appKey) {
        boolean missingAppKey = needsAppKey(action) && (appKey == null || appKey.isBlank());
        return !missingAppKey && supports(channel, action);
    }

    /** @return whether the call of that action needs an appkey in its body (NXCloud typing) */
    public boolean needsAppKey(CommandAction action) {
        return false;
    }

    /**
     * @return the key prefixes this provider's settings had before they took its key, old → new (each ending in
     *         "."): read for one release under the old names, each logged once as deprecated; none by default
     */
    public Map<String, String> formerSettingPrefixes() {
        return Map.of();
    }

    /** @return whether a TYPING command also marks the message read (when both are due, only TYPING is sent) */
    public boolean typingMarksRead() {
        return false;
    }

    /** @return the default for how old a message may be for a read (and the read command's notAfter − inbound time) */
    public final Duration readWindow() {
        return readWindow;
    }

    /** @return the default for how long after receipt a typing indicator is accepted; zero: the provider has none */
    public final Duration typingWindow() {
        return typingWindow;
    }

    /** The limit operation of a provider whose reads and typing indicators share one limit (the Cloud API's). */
    public static final String MESSAGES = "messages";

    /**
     * @return whether a read of a message also covers the earlier messages of its conversation (WhatsApp: yes, but not
     *         in a group, where each message is marked on its own: the Cloud API's {@code group_id})
     * @param groupId the conversation's group id, null or empty for a one-to-one conversation
     */
    public boolean readCoversEarlier(String groupId) {
        return true;
    }

    /**
     * @return the limit operation a command of that action counts against, in {@code limits.<limitsKey>.<operation>-
     *         per-second}: {@code read} and {@code typing} each their own by default; {@link #MESSAGES} for both where
     *         the provider counts them together
     */
    public String limitOperation(CommandAction action) {
        return action == CommandAction.TYPING ? "typing" : "read";
    }

    /**
     * @param operation {@code read}, {@code typing}, {@code messages} or {@code details}
     * @return the default token-bucket rate per account, requests per second
     */
    public abstract double defaultPerSecond(String operation);

    /** @return whether a sent command's status is enriched from the provider's message-details lookup */
    public boolean hasMessageDetails() {
        return false;
    }

    /**
     * @return what is wrong with the account id, as a text that follows the quoted value ({@code does not match …}),
     *         or empty when it meets the provider's rule
     */
    public Optional<String> accountProblem(String account) {
        return Optional.empty();
    }

    /** @return what is wrong with the customer id (same form as {@link #accountProblem}), or empty */
    public Optional<String> customerProblem(String customer) {
        return Optional.empty();
    }

    /** @return what is wrong with the message id (same form as {@link #accountProblem}), or empty */
    public Optional<String> messageIdProblem(String messageId) {
        return Optional.empty();
    }

    /**
     * @return the provider's inbound side (record type, default topic, customer rule, event time), or empty for one
     *         without inbound records of its own ({@code UNKNOWN})
     */
    public Optional<InboundSpec<?>> inbound() {
        return Optional.empty();
    }
}
