package io.chatsignals.streams.topology;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of the decision topology's input topics, one row per source (docs/design.md, "Adding a provider"): a new
 * provider's inbound record is one more row here.
 */
public final class InboundSources {
    /** Every source, in the order the topology merges them. */
    public static final List<InboundSource<?>> ALL = List.of(
            new InboundSource<>(
                    "8x8",
                    "topic.inbound-8x8",
                    Topics.INBOUND_8X8,
                    false,
                    EightByEightInbound.class,
                    Validation::eightByEight,
                    EightByEightInbound::getTimestamp,
                    v -> Provider.EIGHT_BY_EIGHT),
            new InboundSource<>(
                    "nxcloud",
                    "topic.inbound-nxcloud",
                    Topics.INBOUND_NXCLOUD,
                    false,
                    NxCloudInbound.class,
                    Validation::nxCloud,
                    NxCloudInbound::getTimestamp,
                    v -> Provider.NXCLOUD),
            new InboundSource<>(
                    "huawei-case", // opt-in: deployments without the connector need no such topic
                    "topic.inbound-huawei-case",
                    Topics.INBOUND_HUAWEI_CASE,
                    true,
                    HuaweiCaseInbound.class,
                    Validation::huaweiCase,
                    HuaweiCaseInbound::getCreatedAt,
                    v -> Provider.HUAWEI_CASE),
            new InboundSource<>(
                    "whatsapp-cloud",
                    "topic.inbound-whatsapp-cloud",
                    Topics.INBOUND_WHATSAPP_CLOUD,
                    false,
                    WhatsAppCloudInbound.class,
                    Validation::whatsAppCloud,
                    WhatsAppCloudInbound::getTimestamp,
                    v -> Provider.WHATSAPP_CLOUD),
            new InboundSource<>(
                    "activity",
                    "topic.activity",
                    Topics.ACTIVITY,
                    false,
                    ConversationActivity.class,
                    Validation::activity,
                    ConversationActivity::getOccurredAt,
                    ConversationActivity::getProvider));

    private static final Map<Class<?>, InboundSource<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(InboundSource::type, Function.identity()));

    private InboundSources() {}

    /** @return the source whose records have the value's class, or null (another type, or null) */
    static InboundSource<?> ofValue(Object value) {
        return value == null ? null : BY_TYPE.get(value.getClass());
    }
}
