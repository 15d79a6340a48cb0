package io.chatsignals.streams.topology;

import io.chatsignals.contract.TraceHeaders;
import io.chatsignals.ops.Tracing;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.streams.state.ConversationState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The decision's trace (docs/operations.md, "Tracing"): each inbound message's creation context, read from its record's
 * {@code traceparent}, is kept in the conversation's state until a read covers it (at most {@value #MAX_LINKS}, the
 * oldest dropped first); each command gets a {@code decide read} or {@code decide typing} span <em>linked</em> to every
 * message the decision covers — a read after a burst of five links five — with the provider, the account, the policy
 * that decided it and where it came from, and the trigger as attributes (never the customer), and carries that span's context as its own {@code traceparent}.
 * The links live in the state, so a replayed decision links the same messages; the command's headers are part of the
 * same transaction as the command. With tracing off nothing is read, kept or written.
 */
final class DecisionTracing {
    static final int MAX_LINKS = 32;

    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("chatsignals.provider");
    private static final AttributeKey<String> ACCOUNT = AttributeKey.stringKey("chatsignals.account");
    private static final AttributeKey<String> POLICY = AttributeKey.stringKey("chatsignals.policy");
    private static final AttributeKey<String> POLICY_SOURCE = AttributeKey.stringKey("chatsignals.policy_source");
    private static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("chatsignals.trigger");
    private static final AttributeKey<Long> MESSAGES = AttributeKey.longKey("chatsignals.messages");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");

    private final Tracing tracing;

    DecisionTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /** @return whether decisions are traced (off: nothing is read, kept or written) */
    boolean enabled() {
        return tracing.enabled();
    }

    /**
     * Keeps an inbound message's creation context for the decision that will cover it; none is kept when the record
     * has none or its trace was sampled out (a link to a trace never recorded shows nothing, and under 10 % sampling
     * the state keeps a tenth of the links).
     */
    void received(ConversationState state, Headers headers) {
        if (!tracing.enabled()) {
            return;
        }
        SpanContext created = TraceHeaders.spanContext(headers);
        if (!created.isSampled()) { // none, malformed, or a trace not recorded (sampled out): nothing to link to
            return;
        }
        String traceparent = TraceHeaders.traceparent(created);
        List<String> links = new ArrayList<>(state.getTraceLinks());
        links.add(traceparent);
        while (links.size() > MAX_LINKS) {
            links.remove(0);
        }
        state.setTraceLinks(links);
    }

    /**
     * Records the decision of a command and forgets the links a read (or a typing that marks read) covered.
     *
     * @return the command record's headers: its {@code traceparent} (call only when {@link #enabled()})
     */
    Headers decided(ChatCommand command, ConversationState state) {
        boolean read = command.getAction() == CommandAction.MARK_READ;
        SpanBuilder builder = tracing.tracer()
                .spanBuilder(read ? "decide read" : "decide typing")
                .setParent(Context.root())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(PROVIDER, ProviderSpecs.of(command.getProvider()).key())
                .setAttribute(ACCOUNT, command.getAccount())
                .setAttribute(POLICY, command.getDecidedBy().getPolicy())
                .setAttribute(POLICY_SOURCE, command.getDecidedBy().getSource().name())
                .setAttribute(TRIGGER, String.valueOf(command.getTrigger()))
                .setAttribute(MESSAGES, (long) state.getTraceLinks().size());
        for (String link : state.getTraceLinks()) {
            SpanContext linked = TraceHeaders.parse(link);
            if (linked.isValid()) {
                builder.addLink(linked);
            }
        }
        Span span = builder.startSpan();
        Headers headers = new RecordHeaders();
        TraceHeaders.inject(span, headers);
        span.end();
        if (read || ProviderSpecs.of(command.getProvider()).typingMarksRead()) {
            state.setTraceLinks(List.of());
        }
        return headers;
    }
}
