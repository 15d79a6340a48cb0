package io.chatsignals.streams.decide;

import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.chatsignals.streams.state.ConversationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read and typing rules of docs/design.md (rules 3–7) over one conversation's state. Methods change the state they are
 * given and return the commands to emit; every suppressed action is counted with its reason. Times are epoch ms;
 * {@code now} is the wall clock (the providers' windows are real time).
 */
public final class Decider {
    private final DecisionSettings settings;
    private final DecisionMetrics metrics;

    public Decider(DecisionSettings settings, DecisionMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * A new (deduplicated) inbound message. An older message arriving late never replaces the latest (no read
     * regression). When event times tie (NXCloud, Huawei and the Cloud API give whole seconds), the message processed
     * later is the newer one: records of a conversation are processed in offset order, so replays tie-break the same
     * way (docs/design.md, decision rule 3). The latest message itself, again, is late. Returns whether on-receipt
     * decisions should be (re)scheduled after {@code read.delay} of quiet.
     */
    public boolean onInbound(
            ConversationState state, String messageId, long inboundAt, String channel, String appId, String groupId) {
        if (isOlderOrSame(state, messageId, inboundAt)) {
            metrics.skip("late", state.getProvider());
            return false;
        }
        state.setLatestMessageId(messageId);
        state.setLatestInboundAt(Instant.ofEpochMilli(inboundAt));
        state.setChannel(channel);
        state.setAppId(appId);
        state.setGroupId(groupId);
        // an action the channel cannot take is never emitted, only counted (8x8 sms: neither; 8x8 rcs: no read)
        boolean read = settings.readPolicy() != ReadPolicy.OFF && supportedOrCounted(state, CommandAction.MARK_READ);
        boolean typing = settings.typingPolicy() != TypingPolicy.OFF && supportedOrCounted(state, CommandAction.TYPING);
        return settings.readPolicy() == ReadPolicy.ON_RECEIPT && read
                || settings.typingPolicy() == TypingPolicy.ON_RECEIPT && typing;
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

    /** The conversation has been quiet for {@code read.delay}: the on-receipt decisions. */
    public List<ChatCommand> onQuiet(ConversationState state, long now) {
        List<ChatCommand> out = new ArrayList<>();
        Optional<ChatCommand> typing = Optional.empty();
        if (settings.typingPolicy() == TypingPolicy.ON_RECEIPT) {
            typing = typing(state, Trigger.ON_RECEIPT, now);
            typing.ifPresent(out::add);
        }
        ProviderSpec spec = ProviderSpecs.of(state.getProvider());
        boolean typingRead = typing.isPresent() && spec.typingMarksRead();
        boolean canRead = spec.supports(state.getChannel(), CommandAction.MARK_READ);
        if (settings.readPolicy() == ReadPolicy.ON_RECEIPT
                && canRead
                && !typingRead) { // unsupported was counted on receipt
            read(state, Trigger.ON_RECEIPT, now).ifPresent(out::add);
        }
        return out;
    }

    /** AGENT_VIEWED at {@code viewedAt}: under on-agent-view, mark read the latest message the agent can have seen. */
    public Optional<ChatCommand> onAgentViewed(ConversationState state, long viewedAt, long now) {
        if (settings.readPolicy() != ReadPolicy.ON_AGENT_VIEW) {
            return Optional.empty();
        }
        if (state.getLatestInboundAt().toEpochMilli() > viewedAt) {
            metrics.skip("unseen", state.getProvider());
            return Optional.empty();
        }
        return read(state, Trigger.AGENT_VIEWED, now);
    }

    /** AGENT_TYPING at {@code typedAt}: under on-agent-typing, show typing unless the event is already older than typing.ttl. */
    public Optional<ChatCommand> onAgentTyping(ConversationState state, long typedAt, long now) {
        if (settings.typingPolicy() != TypingPolicy.ON_AGENT_TYPING) {
            return Optional.empty();
        }
        if (typedAt + settings.typingTtl().toMillis() < now) {
            metrics.skip("expired", state.getProvider());
            return Optional.empty();
        }
        return typing(state, Trigger.AGENT_TYPING, now);
    }

    /** REPLY_SENT ends the current typing run: the next AGENT_TYPING is not throttled by it. */
    public void onReplySent(ConversationState state) {
        state.setTypingRunEnded(true);
    }

    private Optional<ChatCommand> read(ConversationState state, Trigger trigger, long now) {
        if (!supportedOrCounted(state, CommandAction.MARK_READ)) {
            return Optional.empty();
        }
        long inboundAt = state.getLatestInboundAt().toEpochMilli();
        if (readCovers(state)) {
            metrics.skip("covered", state.getProvider());
            return Optional.empty();
        }
        long notAfter = inboundAt + settings.readMaxAge(state.getProvider()).toMillis();
        if (now >= notAfter) {
            metrics.skip("expired", state.getProvider());
            return Optional.empty();
        }
        readThroughLatest(state);
        return Optional.of(command(state, CommandAction.MARK_READ, trigger, now, notAfter));
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
        if (state.getTypingAt() != null
                && !state.getTypingRunEnded()
                && now - state.getTypingAt().toEpochMilli()
                        < settings.typingRefresh().toMillis()) {
            metrics.skip("throttled", state.getProvider());
            return Optional.empty();
        }
        state.setTypingAt(Instant.ofEpochMilli(now));
        state.setTypingRunEnded(false);
        if (ProviderSpecs.of(provider).typingMarksRead()) {
            readThroughLatest(state);
        }
        return Optional.of(command(
                state,
                CommandAction.TYPING,
                trigger,
                now,
                Math.min(windowEnd, now + settings.typingTtl().toMillis())));
    }

    private boolean supportedOrCounted(ConversationState state, CommandAction action) {
        boolean supported =
                ProviderSpecs.of(state.getProvider()).supports(state.getChannel(), action, state.getAppId());
        if (!supported) {
            metrics.skip("unsupported", state.getProvider());
        }
        return supported;
    }

    private ChatCommand command(
            ConversationState state, CommandAction action, Trigger trigger, long now, long notAfter) {
        Provider provider = state.getProvider();
        long sequence = state.getSequence() + 1;
        state.setSequence(sequence);
        metrics.decision(action, trigger, state.getProvider());
        return ChatCommand.newBuilder()
                .setCommandId(CommandIds.of(
                        action, provider, state.getAccount(), state.getLatestMessageId(), trigger, sequence))
                .setAction(action)
                .setProvider(provider)
                .setAccount(state.getAccount())
                .setChannel(state.getChannel())
                .setCustomer(state.getCustomer())
                .setMessageId(state.getLatestMessageId())
                .setInboundAt(state.getLatestInboundAt())
                .setDecidedAt(Instant.ofEpochMilli(now))
                .setNotAfter(Instant.ofEpochMilli(notAfter))
                .setTrigger(trigger)
                .setAppId(state.getAppId())
                .setGroupId(state.getGroupId())
                .build();
    }
}
