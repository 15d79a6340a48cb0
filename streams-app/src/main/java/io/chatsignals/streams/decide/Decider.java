package io.chatsignals.streams.decide;

import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.DecidedBy;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.Trigger;
import io.chatsignals.schema.TypingPolicy;
import io.chatsignals.streams.policy.EffectivePolicy;
import io.chatsignals.streams.policy.PolicyBook;
import io.chatsignals.streams.state.ConversationState;
import io.chatsignals.streams.state.UnreadMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read and typing rules of docs/design.md (rules 3–7) over one conversation's state, under the policy of its
 * account (docs/policies.md) at the time of each decision; each command records that policy ({@code decidedBy}).
 * Methods change the state they are given and return the commands to emit; every suppressed action is counted with
 * its reason. Times are epoch ms; {@code now} is the wall clock (the providers' windows are real time).
 *
 * <p>Where a read covers only the message it names ({@link ProviderSpec#readCoversEarlier}: a WhatsApp Cloud API group),
 * the conversation keeps its unread messages (at most {@value #MAX_UNREAD}, oldest dropped first and counted) and a
 * read decision marks each of them, one command per message; elsewhere a read of the latest message covers the rest.
 */
public final class Decider {
    /** Most unread messages kept per conversation whose reads are one by one; past it the oldest is dropped. */
    static final int MAX_UNREAD = 100;

    private final DecisionSettings settings;
    private final DecisionMetrics metrics;
    private final PolicyBook policies;

    /** A decider under the global policies of {@code settings} only (no policy records). */
    public Decider(DecisionSettings settings, DecisionMetrics metrics) {
        this(settings, metrics, new PolicyBook(settings));
    }

    /**
     * @param settings the windows and the other knobs of the rules
     * @param policies the policy of each account (read and typing policy, quiet period, typing refresh): looked up at
     *                 each decision, so a change applies to every decision made after it is read
     */
    public Decider(DecisionSettings settings, DecisionMetrics metrics, PolicyBook policies) {
        this.settings = settings;
        this.metrics = metrics;
        this.policies = policies;
    }

    /** @return the policy the conversation is decided under now */
    public EffectivePolicy policy(ConversationState state) {
        return policies.of(state.getProvider(), state.getAccount());
    }

    /**
     * A new (deduplicated) inbound message. An older message arriving late never replaces the latest (no read
     * regression). When event times tie (several providers give whole seconds), the message processed
     * later is the newer one: records of a conversation are processed in offset order, so replays tie-break the same
     * way (docs/design.md, decision rule 3). The latest message itself, again, is late. Returns whether on-receipt
     * decisions should be (re)scheduled after {@code read.delay} of quiet.
     */
    public boolean onInbound(
            ConversationState state, String messageId, long inboundAt, String channel, String appId, String groupId) {
        boolean oneByOne = !ProviderSpecs.of(state.getProvider()).readCoversEarlier(groupId);
        if (isOlderOrSame(state, messageId, inboundAt)) {
            metrics.skip("late", state.getProvider());
            // in a group a late message is still unread (a read of a later one does not cover it)
            return oneByOne
                    && !messageId.equals(state.getLatestMessageId()) // the latest itself again
                    && addUnread(state, messageId, inboundAt)
                    && onReceiptDecisions(state);
        }
        state.setLatestMessageId(messageId);
        state.setLatestInboundAt(Instant.ofEpochMilli(inboundAt));
        state.setChannel(channel);
        state.setAppId(appId);
        state.setGroupId(groupId);
        if (oneByOne) {
            addUnread(state, messageId, inboundAt);
        } else {
            state.setUnread(null);
        }
        return onReceiptDecisions(state);
    }

    /** Counts what the channel cannot do; @return whether on-receipt decisions are to be scheduled */
    private boolean onReceiptDecisions(ConversationState state) {
        // an action the channel cannot take is never emitted, only counted (the spec's supports(channel, action))
        EffectivePolicy policy = policy(state);
        boolean read = policy.read() != ReadPolicy.OFF && supportedOrCounted(state, CommandAction.MARK_READ);
        boolean typing = policy.typing() != TypingPolicy.OFF && supportedOrCounted(state, CommandAction.TYPING);
        return policy.read() == ReadPolicy.ON_RECEIPT && read || policy.typing() == TypingPolicy.ON_RECEIPT && typing;
    }

    /**
     * Adds a message to the conversation's unread list, in event-time order (ties: later arrival last), unless it is
     * there already; past {@link #MAX_UNREAD} the oldest is dropped and counted ({@code overflow}).
     *
     * @return whether the message was added
     */
    private boolean addUnread(ConversationState state, String messageId, long at) {
        List<UnreadMessage> unread = state.getUnread() == null ? new ArrayList<>() : new ArrayList<>(state.getUnread());
        int i = unread.size();
        for (int j = 0; j < unread.size(); j++) {
            if (unread.get(j).getMessageId().equals(messageId)) {
                return false;
            }
            if (unread.get(j).getAt().toEpochMilli() > at) {
                i = Math.min(i, j);
            }
        }
        unread.add(i, new UnreadMessage(messageId, Instant.ofEpochMilli(at)));
        if (unread.size() > MAX_UNREAD) {
            unread.remove(0);
            metrics.skip("overflow", state.getProvider());
        }
        state.setUnread(unread);
        return true;
    }

    private static boolean oneByOne(ConversationState state) {
        return state.getUnread() != null;
    }

    /** Drops a message from the unread list (a typing call that marks it read). */
    private static void markedRead(ConversationState state, String messageId) {
        if (oneByOne(state)) {
            List<UnreadMessage> unread = new ArrayList<>(state.getUnread());
            unread.removeIf(m -> m.getMessageId().equals(messageId));
            state.setUnread(unread);
        }
    }

    private static boolean isOlderOrSame(ConversationState state, String messageId, long inboundAt) {
        return state.getLatestInboundAt() != null
                && notNewer(inboundAt, messageId, state.getLatestInboundAt(), state.getLatestMessageId());
    }

    /** @return whether the latest message is covered by a read already (older than, or the message read through) */
    private static boolean readCovers(ConversationState state) {
        return state.getReadThroughAt() != null
                && notNewer(
                        state.getLatestInboundAt().toEpochMilli(),
                        state.getLatestMessageId(),
                        state.getReadThroughAt(),
                        state.getReadThroughMessageId());
    }

    /**
     * The order of inbound messages: by event time, and on a tie the one processed later is the newer, so a message is
     * not newer than {@code (refAt, refId)} when older or that very message. A reference without an id (state written
     * before ids were kept) covers its whole event time.
     */
    private static boolean notNewer(long at, String id, Instant refAt, String refId) {
        long ref = refAt.toEpochMilli();
        return at < ref || at == ref && (refId == null || refId.equals(id));
    }

    private static void readThroughLatest(ConversationState state) {
        state.setReadThroughAt(state.getLatestInboundAt());
        state.setReadThroughMessageId(state.getLatestMessageId());
    }

    /**
     * The conversation has been quiet for its quiet period: the on-receipt decisions, under the policy of now (a read
     * that waited under {@code on-receipt} is not made when the business has changed its policy meanwhile).
     */
    public List<ChatCommand> onQuiet(ConversationState state, long now) {
        List<ChatCommand> out = new ArrayList<>();
        Optional<ChatCommand> typing = Optional.empty();
        EffectivePolicy policy = policy(state);
        if (policy.typing() == TypingPolicy.ON_RECEIPT) {
            typing = typing(state, Trigger.ON_RECEIPT, now);
            typing.ifPresent(out::add);
        }
        ProviderSpec spec = ProviderSpecs.of(state.getProvider());
        boolean typingRead = typing.isPresent() && spec.typingMarksRead();
        boolean canRead = spec.supports(state.getChannel(), CommandAction.MARK_READ);
        if (policy.read() == ReadPolicy.ON_RECEIPT
                && canRead // unsupported was counted on receipt
                && (!typingRead || oneByOne(state) && !state.getUnread().isEmpty())) {
            out.addAll(read(state, Trigger.ON_RECEIPT, now, Long.MAX_VALUE));
        }
        return out;
    }

    /**
     * AGENT_VIEWED at {@code viewedAt}: under on-agent-view, mark read the latest message the agent can have seen (in
     * a conversation whose reads are one by one: each unread message received by then).
     */
    public List<ChatCommand> onAgentViewed(ConversationState state, long viewedAt, long now) {
        if (policy(state).read() != ReadPolicy.ON_AGENT_VIEW) {
            return List.of();
        }
        return readSeen(state, Trigger.AGENT_VIEWED, viewedAt, now);
    }

    /** Marks read what the agent can have seen by {@code seenAt}: the latest message, or each unread one received by then. */
    private List<ChatCommand> readSeen(ConversationState state, Trigger trigger, long seenAt, long now) {
        if (!oneByOne(state) && state.getLatestInboundAt().toEpochMilli() > seenAt) {
            metrics.skip("unseen", state.getProvider());
            return List.of();
        }
        return read(state, trigger, now, seenAt);
    }

    /** AGENT_TYPING at {@code typedAt}: under on-agent-typing, show typing unless the event is already older than typing.ttl. */
    public Optional<ChatCommand> onAgentTyping(ConversationState state, long typedAt, long now) {
        if (policy(state).typing() != TypingPolicy.ON_AGENT_TYPING) {
            return Optional.empty();
        }
        if (typedAt + settings.typingTtl().toMillis() < now) {
            metrics.skip("expired", state.getProvider());
            return Optional.empty();
        }
        return typing(state, Trigger.AGENT_TYPING, now);
    }

    /**
     * REPLY_SENT at {@code repliedAt} ends the current typing run (the next AGENT_TYPING is not throttled by it) and,
     * under on-agent-reply, marks read the latest message the agent replied to (in a conversation whose reads are one
     * by one: each unread message received by then), within the provider's read window.
     */
    public List<ChatCommand> onReplySent(ConversationState state, long repliedAt, long now) {
        state.setTypingRunEnded(true);
        if (policy(state).read() != ReadPolicy.ON_AGENT_REPLY) {
            return List.of();
        }
        return readSeen(state, Trigger.AGENT_REPLIED, repliedAt, now);
    }

    /** @param seenUpTo in a conversation whose reads are one by one, the latest event time to read (epoch ms) */
    private List<ChatCommand> read(ConversationState state, Trigger trigger, long now, long seenUpTo) {
        if (!supportedOrCounted(state, CommandAction.MARK_READ)) {
            return List.of();
        }
        if (oneByOne(state)) {
            return readEach(state, trigger, now, seenUpTo);
        }
        long inboundAt = state.getLatestInboundAt().toEpochMilli();
        if (readCovers(state)) {
            metrics.skip("covered", state.getProvider());
            return List.of();
        }
        long notAfter = inboundAt + settings.readMaxAge(state.getProvider()).toMillis();
        if (now >= notAfter) {
            metrics.skip("expired", state.getProvider());
            return List.of();
        }
        readThroughLatest(state);
        return List.of(command(
                state,
                CommandAction.MARK_READ,
                trigger,
                now,
                notAfter,
                state.getLatestMessageId(),
                state.getLatestInboundAt()));
    }

    /** One read per unread message received by {@code seenUpTo}, oldest first; those past the read window are dropped. */
    private List<ChatCommand> readEach(ConversationState state, Trigger trigger, long now, long seenUpTo) {
        List<ChatCommand> out = new ArrayList<>();
        List<UnreadMessage> left = new ArrayList<>();
        long maxAge = settings.readMaxAge(state.getProvider()).toMillis();
        for (UnreadMessage m : state.getUnread()) {
            long at = m.getAt().toEpochMilli();
            if (at > seenUpTo) {
                metrics.skip("unseen", state.getProvider());
                left.add(m);
            } else if (now >= at + maxAge) {
                metrics.skip("expired", state.getProvider());
            } else {
                out.add(command(
                        state, CommandAction.MARK_READ, trigger, now, at + maxAge, m.getMessageId(), m.getAt()));
            }
        }
        if (out.isEmpty() && left.size() == state.getUnread().size()) {
            if (left.isEmpty()) {
                metrics.skip("covered", state.getProvider());
            }
            return out;
        }
        state.setUnread(left);
        if (left.isEmpty()) {
            readThroughLatest(state);
        }
        return out;
    }

    private Optional<ChatCommand> typing(ConversationState state, Trigger trigger, long now) {
        if (!supportedOrCounted(state, CommandAction.TYPING)) {
            return Optional.empty();
        }
        Provider provider = state.getProvider();
        long windowEnd = state.getLatestInboundAt().toEpochMilli()
                + settings.typingWindow(provider).toMillis();
        if (now >= windowEnd) {
            metrics.skip("expired", state.getProvider());
            return Optional.empty();
        }
        EffectivePolicy policy = policy(state);
        if (ProviderSpecs.of(provider).typingMarksRead() && policy.read() == ReadPolicy.OFF) {
            metrics.skip("read-off", provider); // "off" means never read: not even by the typing call
            return Optional.empty();
        }
        if (state.getTypingAt() != null
                && !state.getTypingRunEnded()
                && now - state.getTypingAt().toEpochMilli() < policy.typingRefreshMs()) {
            metrics.skip("throttled", state.getProvider());
            return Optional.empty();
        }
        state.setTypingAt(Instant.ofEpochMilli(now));
        state.setTypingRunEnded(false);
        if (ProviderSpecs.of(provider).typingMarksRead()) {
            markedRead(state, state.getLatestMessageId());
            if (!oneByOne(state) || state.getUnread().isEmpty()) {
                readThroughLatest(state);
            }
        }
        return Optional.of(command(
                state,
                CommandAction.TYPING,
                trigger,
                now,
                Math.min(windowEnd, now + settings.typingTtl().toMillis()),
                state.getLatestMessageId(),
                state.getLatestInboundAt()));
    }

    private boolean supportedOrCounted(ConversationState state, CommandAction action) {
        boolean supported =
                ProviderSpecs.of(state.getProvider()).supports(state.getChannel(), action, state.getAppId());
        if (!supported) {
            metrics.skip("unsupported", state.getProvider());
        }
        return supported;
    }

    /** @param messageId the message the command is about, received at {@code inboundAt} */
    private ChatCommand command(
            ConversationState state,
            CommandAction action,
            Trigger trigger,
            long now,
            long notAfter,
            String messageId,
            Instant inboundAt) {
        Provider provider = state.getProvider();
        long sequence = state.getSequence() + 1;
        state.setSequence(sequence);
        EffectivePolicy policy = policy(state);
        DecidedBy decidedBy = action == CommandAction.MARK_READ ? policy.readBy() : policy.typingBy();
        metrics.decision(action, trigger, state.getProvider(), decidedBy.getSource());
        return ChatCommand.newBuilder()
                .setCommandId(CommandIds.of(action, provider, state.getAccount(), messageId, trigger, sequence))
                .setAction(action)
                .setProvider(provider)
                .setAccount(state.getAccount())
                .setChannel(state.getChannel())
                .setCustomer(state.getCustomer())
                .setMessageId(messageId)
                .setInboundAt(inboundAt)
                .setDecidedAt(Instant.ofEpochMilli(now))
                .setNotAfter(Instant.ofEpochMilli(notAfter))
                .setTrigger(trigger)
                .setAppId(state.getAppId())
                .setGroupId(state.getGroupId())
                .setDecidedBy(decidedBy)
                .build();
    }
}
