package io.chatsignals.streams.topology;

import io.chatsignals.contract.Policies;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.decide.DecisionMetrics;
import io.chatsignals.streams.errors.InvalidRecordException;
import io.chatsignals.streams.state.AccountPolicy;
import io.chatsignals.streams.state.ConversationEvent;
import io.chatsignals.streams.state.EventKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The records of {@code chat.policies.v1} as {@link EventKind#POLICY} events, each with its offset as its version
 * (docs/policies.md): a policy set, or removed by a tombstone. An invalid record — against {@link Policies#problem},
 * or a tombstone whose key names no provider and account — is counted as an {@code invalid} skip and thrown to the
 * processing exception handler, which sends it to the inbound DLQ with the reason; it changes nothing.
 */
final class PolicyRecords implements FixedKeyProcessor<byte[], BusinessPolicy, ConversationEvent> {
    private final DecisionMetrics metrics;
    private FixedKeyProcessorContext<byte[], ConversationEvent> context;

    PolicyRecords(DecisionMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], ConversationEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], BusinessPolicy> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        BusinessPolicy policy = record.value();
        ConversationEvent.Builder event = ConversationEvent.newBuilder()
                .setKind(EventKind.POLICY)
                .setCustomer("")
                .setAt(Instant.ofEpochMilli(Math.max(0, record.timestamp())));
        if (policy == null) { // a tombstone: the key says whose policy is removed
            Provider provider = providerOf(key);
            event.setProvider(provider).setAccount(key.substring(key.indexOf(':') + 1));
        } else {
            Optional<String> problem = Policies.problem(key, policy);
            if (problem.isPresent()) {
                throw invalid(policy.getProvider(), "policy " + problem.get());
            }
            long version = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
            event.setProvider(policy.getProvider())
                    .setAccount(policy.getAccount())
                    .setPolicy(new AccountPolicy(policy, version));
        }
        context.forward(record.withValue(event.build()));
    }

    private Provider providerOf(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            throw invalid(Provider.UNKNOWN, "policy tombstone: key '" + key + "' is not <provider>:<account>");
        }
        try {
            return Provider.valueOf(key.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw invalid(Provider.UNKNOWN, "policy tombstone: key '" + key + "' names no provider this version knows");
        }
    }

    private InvalidRecordException invalid(Provider provider, String reason) {
        metrics.skip("invalid", provider == null ? Provider.UNKNOWN : provider);
        return new InvalidRecordException(reason);
    }
}
