package io.chatsignals.streams.topology;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ConversationActivity;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * The table of the decision topology's input topics: one source per provider with inbound records of its own
 * ({@link ProviderSpecs#withInbound()}, in contract order: a new provider needs no line here), then the agent activity.
 */
public final class InboundSources {
    /** Every source, in the order the topology merges them. */
    public static final List<InboundSource<?>> ALL = Stream.concat(
                    ProviderSpecs.withInbound().stream().map(InboundSources::of),
                    Stream.of(new InboundSource<>(
                            "activity",
                            "topic.activity",
                            Topics.ACTIVITY,
                            false,
                            ConversationActivity.class,
                            Validation::activity,
                            ConversationActivity::getOccurredAt,
                            ConversationActivity::getProvider)))
            .toList();

    private static final Map<Class<?>, InboundSource<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(InboundSource::type, Function.identity()));

    private InboundSources() {}

    /** @return the source whose records have the value's class, or null (another type, or null) */
    static InboundSource<?> ofValue(Object value) {
        return value == null ? null : BY_TYPE.get(value.getClass());
    }

    private static InboundSource<?> of(ProviderSpec spec) {
        return of(spec, spec.inbound().orElseThrow());
    }

    private static <R extends SpecificRecord> InboundSource<R> of(ProviderSpec spec, InboundSpec<R> inbound) {
        return new InboundSource<>(
                spec.key(),
                InboundSpec.topicSetting(spec.key()),
                inbound.topic(),
                inbound.optIn(),
                inbound.type(),
                (validation, record, nowMs) -> validation.inbound(spec, record, nowMs),
                inbound.eventTime(),
                record -> spec.provider());
    }
}
