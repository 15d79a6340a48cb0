package io.chatsignals.streams.topology;

import io.chatsignals.contract.Policies;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.ops.LogSafe;
import io.chatsignals.providers.AppKeys;
import io.chatsignals.providers.InboundMessage;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.errors.InvalidRecordException;
import io.chatsignals.streams.state.ConversationEvent;
import io.chatsignals.streams.state.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Validates input records and turns them into {@link ConversationEvent}s (docs/design.md, decision rule 1, identity
 * rules): required fields, each provider's id rules ({@link ProviderSpec#accountProblem} and the like: ids become URL
 * path segments, so nothing else may pass), event times not beyond the clock-skew allowance. What a provider's record
 * holds — its customer rule, channel, group — is read by its {@link InboundSpec}; this class holds only the rules
 * every record shares. UNKNOWN enum symbols (written by a newer producer than this app) are invalid. Record values
 * quoted in a reason are escaped ({@link LogSafe}): a reason is logged and becomes a DLQ header.
 */
public final class Validation {
    private final Duration clockSkew;
    private final AppKeys appKeys;

    /**
     * @param clockSkew how far in the future an event time may lie
     * @param appKeys   configured app keys, for records of a provider that needs one but carry none
     */
    public Validation(Duration clockSkew, AppKeys appKeys) {
        this.clockSkew = clockSkew;
        this.appKeys = appKeys;
    }

    /**
     * Validates a provider's inbound record by its spec ({@link InboundSpec}): message id, account and customer
     * present and each by the provider's id rule, the channel where the record carries one, the record's own rules,
     * then the event time. A record without the app key its provider needs takes the one configured for its account.
     *
     * @param spec the provider whose inbound record this is
     * @throws InvalidRecordException naming the first rule the record breaks
     */
    public ConversationEvent inbound(ProviderSpec spec, SpecificRecord in, long nowMs) {
        require(in != null, "empty record (null value)");
        InboundSpec<?> inbound = spec.inbound().orElseThrow();
        InboundSpec.Fields f = inbound.fields();
        InboundMessage m = inbound.read(in);
        require(present(m.messageId()), () -> f.messageId() + " is required");
        ids(f.messageId(), m.messageId(), spec.messageIdProblem(m.messageId()));
        require(present(m.account()), () -> f.account() + " is required");
        ids(f.account(), m.account(), spec.accountProblem(m.account()));
        require(present(m.customer()), () -> f.customer() + " is required");
        ids(f.customer(), m.customer(), spec.customerProblem(m.customer()));
        require(f.channel() == null || present(m.channel()), () -> f.channel() + " is required");
        Optional<String> problem = inbound.problem(in);
        require(problem.isEmpty(), problem::get);
        notInFuture(m.at(), nowMs);
        String appId = appKeys.resolve(spec.provider(), m.appId(), m.account()).orElse(null);
        return ConversationEvent.newBuilder()
                .setKind(EventKind.INBOUND)
                .setProvider(spec.provider())
                .setAccount(m.account())
                .setCustomer(m.customer())
                .setAt(m.at())
                .setMessageId(m.messageId())
                .setChannel(m.channel())
                .setGroupId(m.groupId())
                .setAppId(appId)
                .build();
    }

    /** @throws InvalidRecordException naming the first rule the record breaks */
    public ConversationEvent activity(ConversationActivity in, long nowMs) {
        require(in != null, "empty record (null value)");
        require(in.getProvider() != Provider.UNKNOWN, "provider UNKNOWN (a provider this version does not know)");
        require(in.getKind() != ActivityKind.UNKNOWN, "kind UNKNOWN (an activity this version does not know)");
        require(present(in.getAccount()), "account is required");
        require(present(in.getCustomer()), "customer is required");
        ProviderSpec spec = ProviderSpecs.of(in.getProvider());
        ids("account", in.getAccount(), spec.accountProblem(in.getAccount()));
        ids("customer", in.getCustomer(), spec.customerProblem(in.getCustomer()));
        notInFuture(in.getOccurredAt(), nowMs);
        return ConversationEvent.newBuilder()
                .setKind(EventKind.ACTIVITY)
                .setProvider(in.getProvider())
                .setAccount(in.getAccount())
                .setCustomer(in.getCustomer())
                .setAt(in.getOccurredAt())
                .setActivity(in.getKind())
                .build();
    }

    /** @return the key of a conversation, {@code provider:account:customer}; of a policy event, {@code provider:account} */
    public static String conversationKey(ConversationEvent e) {
        if (e.getKind() == EventKind.POLICY) { // a business's, sent to every partition
            return Policies.key(e.getProvider(), e.getAccount());
        }
        return Keys.conversation(e.getProvider(), e.getAccount(), e.getCustomer());
    }

    private void notInFuture(Instant at, long nowMs) {
        require(at != null, "timestamp is required");
        require(
                at.toEpochMilli() <= nowMs + clockSkew.toMillis(),
                () -> "timestamp " + at + " is more than " + clockSkew + " in the future");
    }

    /** Fails with {@code <field> '<value>' <problem>} when the provider's rule found a problem with the id. */
    private static void ids(String field, String value, Optional<String> problem) {
        if (problem.isPresent()) {
            throw new InvalidRecordException(field + " " + LogSafe.quote(value) + " " + problem.get());
        }
    }

    private static boolean present(String s) {
        return InboundSpec.present(s);
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new InvalidRecordException(reason);
        }
    }

    /** As {@link #require(boolean, String)}, with a reason built only when the rule is broken (hot path). */
    private static void require(boolean ok, Supplier<String> reason) {
        if (!ok) {
            throw new InvalidRecordException(reason.get());
        }
    }
}
