package io.chatsignals.streams.topology;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.streams.decide.Decider;
import io.chatsignals.streams.decide.DecisionMetrics;
import io.chatsignals.streams.decide.DecisionSettings;
import io.chatsignals.streams.policy.PolicyBook;
import io.chatsignals.streams.state.AccountPolicy;
import io.chatsignals.streams.state.ConversationEvent;
import io.chatsignals.streams.state.ConversationState;
import io.chatsignals.streams.state.EventKind;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The per-conversation decision processor: input keyed by conversation ({@code provider:account:customer}), output
 * {@link ChatCommand}s keyed {@code provider:account}. State lives in three persistent stores with changelogs:
 * {@value #CONVERSATIONS} (one {@link ConversationState} per conversation), {@value #DEDUPE} (a window store of seen
 * {@code provider:messageId}, retention {@code dedupe.retention}), {@value #DUE_INDEX} ({@link DueIndex}) and
 * {@value #POLICIES} (the business policies this task has read, key {@code provider:account}; docs/policies.md). A
 * wall-clock punctuator runs what the due index says is due: on-receipt decisions after read.delay of quiet, and
 * purges of idle conversations after the longest window.
 *
 * <p>The quiet entry is moved lazily: while a conversation has a quiet due time, its index entry lies at or before it
 * (a message in a burst only moves the state's {@code quietDueAt}); the punctuator that finds the entry early
 * re-indexes it at the state's time. One index write per quiet period instead of two per message.
 */
final class ConversationProcessor implements Processor<String, ConversationEvent, String, ChatCommand> {
    /** No due time: below every epoch-ms time a due-index entry can hold. */
    private static final long NONE = -1;

    static final String CONVERSATIONS = "conversations";
    static final String DEDUPE = "dedupe";
    static final String DUE_INDEX = "due-index";
    static final String POLICIES = "policies";

    private final DecisionSettings settings;
    private final DecisionMetrics metrics;
    private final PolicyBook policyBook;
    private final Decider decider;
    private final long stateRetentionMs;
    private final DecisionTracing tracing;
    private ProcessorContext<String, ChatCommand> context;
    private KeyValueStore<String, ConversationState> conversations;
    private WindowStore<String, Long> dedupe;
    private DueIndex dueIndex;
    private KeyValueStore<String, AccountPolicy> policies;

    ConversationProcessor(DecisionSettings settings, DecisionMetrics metrics, DecisionTracing tracing) {
        this.settings = settings;
        this.metrics = metrics;
        this.tracing = tracing;
        this.policyBook = new PolicyBook(settings);
        this.decider = new Decider(settings, metrics, policyBook);
        this.stateRetentionMs = settings.stateRetention().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ChatCommand> context) {
        this.context = context;
        this.conversations = context.getStateStore(CONVERSATIONS);
        this.dedupe = context.getStateStore(DEDUPE);
        this.dueIndex = new DueIndex(context.getStateStore(DUE_INDEX));
        this.policies = context.getStateStore(POLICIES);
        try (KeyValueIterator<String, AccountPolicy> all = policies.all()) { // what this task had read before
            all.forEachRemaining(entry -> policyBook.apply(
                    entry.value.getPolicy().getProvider(),
                    entry.value.getPolicy().getAccount(),
                    entry.value));
        }
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::runDue);
    }

    @Override
    public void process(Record<String, ConversationEvent> record) {
        ConversationEvent event = record.value();
        String conversation = record.key();
        if (event.getKind() == EventKind.POLICY) {
            policyChanged(record.key(), event);
            return;
        }
        long now = context.currentSystemTimeMs();
        ConversationState state = conversations.get(conversation);
        if (state == null) {
            state = ConversationState.newBuilder()
                    .setProvider(event.getProvider())
                    .setAccount(event.getAccount())
                    .setCustomer(event.getCustomer())
                    .build();
        }
        long at = event.getAt().toEpochMilli();
        if (event.getKind() == EventKind.INBOUND) {
            if (isDuplicate(event, at)) {
                metrics.skip("duplicate", event.getProvider());
                return;
            }
            tracing.received(state, record.headers());
            if (decider.onInbound(
                    state, event.getMessageId(), at, event.getChannel(), event.getAppId(), event.getGroupId())) {
                long due = now + decider.policy(state).readDelayMs();
                if (state.getQuietDueAt() == null) {
                    dueIndex.put(due, DueIndex.QUIET, conversation);
                } // else the entry already indexed lies at or before the new due time: the punctuator moves it
                state.setQuietDueAt(Instant.ofEpochMilli(due));
            }
        } else if (state.getLatestMessageId() == null) {
            metrics.skip("no-message", event.getProvider());
        } else {
            ConversationState current = state;
            switch (event.getActivity()) {
                case AGENT_VIEWED -> decider.onAgentViewed(current, at, now).forEach(c -> emit(c, current, now));
                case AGENT_TYPING -> decider.onAgentTyping(current, at, now).ifPresent(c -> emit(c, current, now));
                case REPLY_SENT -> decider.onReplySent(current, at, now).forEach(c -> emit(c, current, now));
                case UNKNOWN -> metrics.skip("invalid", event.getProvider()); // never passes validation
            }
        }
        reschedulePurge(state, conversation, now);
        conversations.put(conversation, state);
    }

    /**
     * A business policy set or removed: kept in the {@value #POLICIES} store and applied to every decision made after
     * it, reads already waiting for their quiet period included (they are decided under the policy of their due time).
     */
    private void policyChanged(String key, ConversationEvent event) {
        AccountPolicy policy = event.getPolicy();
        if (policy == null) {
            policies.delete(key);
        } else {
            policies.put(key, policy);
        }
        policyBook.apply(event.getProvider(), event.getAccount(), policy);
        metrics.policies(policyBook.size());
    }

    /**
     * Moves the idle purge to {@code now + retention}; skipped while the purge already lies within 1/1000 of the
     * retention of that (about 43 min of 30 d), so a busy conversation does not rewrite the index on every event.
     */
    private void reschedulePurge(ConversationState state, String conversation, long now) {
        long retention = stateRetentionMs;
        long purgeAt = now + retention;
        Long current = millis(state.getPurgeAt());
        if (current != null && purgeAt - current < retention / 1000) {
            return;
        }
        dueIndex.remove(current, DueIndex.PURGE, conversation);
        state.setPurgeAt(Instant.ofEpochMilli(purgeAt));
        dueIndex.put(purgeAt, DueIndex.PURGE, conversation);
    }

    /**
     * Whether the message ({@code provider:messageId}, the dedupe store's key) was seen within
     * {@code dedupe.retention}, recording it when not. A provider whose
     * records carry its own time for the message redelivers it with the same time: one point read at {@code at}
     * (one RocksDB get in one segment). A receipt-timed one ({@link InboundSpec#receiptTimed()}) is searched over
     * {@code at ± retention} (an iterator over up to three segments).
     */
    private boolean isDuplicate(ConversationEvent event, long at) {
        String key = event.getProvider().name() + ":" + event.getMessageId();
        boolean receiptTimed = ProviderSpecs.of(event.getProvider())
                .inbound()
                .map(InboundSpec::receiptTimed)
                .orElse(false);
        if (receiptTimed) {
            long retention = settings.dedupeRetention().toMillis();
            // the epoch-ms overload: the Instant one formats a check message per call (4.5 % of the threads' CPU)
            try (WindowStoreIterator<Long> seen = dedupe.fetch(key, Math.max(0, at - retention), at + retention)) {
                if (seen.hasNext()) {
                    return true;
                }
            }
        } else if (dedupe.fetch(key, at) != null) {
            return true;
        }
        dedupe.put(key, at, at);
        return false;
    }

    private void runDue(long now) {
        List<DueIndex.Entry> due = dueIndex.due(now);
        for (DueIndex.Entry entry : due) {
            dueIndex.delete(entry);
            ConversationState state = conversations.get(entry.conversation());
            if (state == null) {
                continue;
            }
            if (entry.kind().equals(DueIndex.QUIET) && state.getQuietDueAt() != null) {
                long quietDueAt = state.getQuietDueAt().toEpochMilli();
                if (quietDueAt > now) { // messages came after the entry was indexed: the quiet period ends later
                    dueIndex.put(quietDueAt, DueIndex.QUIET, entry.conversation());
                    continue;
                }
                metrics.punctuationLag(now - quietDueAt);
                state.setQuietDueAt(null);
                decider.onQuiet(state, now).forEach(c -> emit(c, state, now));
                conversations.put(entry.conversation(), state);
            } else if (entry.kind().equals(DueIndex.PURGE) && entry.dueAt() == dueAtOrNone(state.getPurgeAt())) {
                conversations.delete(entry.conversation()); // a quiet entry left behind finds no state: dropped
                metrics.purged();
            }
        }
    }

    private void emit(ChatCommand command, ConversationState state, long now) {
        String key = Keys.command(command.getProvider(), command.getAccount());
        context.forward(
                tracing.enabled()
                        ? new Record<>(key, command, now, tracing.decided(command, state))
                        : new Record<>(key, command, now));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** @return the due time in epoch ms, or {@link #NONE} when nothing is due (never equal to a due-index entry's time) */
    private static long dueAtOrNone(Instant instant) {
        return instant == null ? NONE : instant.toEpochMilli();
    }
}
