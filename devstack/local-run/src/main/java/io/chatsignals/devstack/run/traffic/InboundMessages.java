package io.chatsignals.devstack.run.traffic;

import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.providers.Webhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes a provider webhook's records as the ingress does (mapped by {@link Webhooks}, keyed by conversation), each
 * message registered with the simulator as delivered so that its provider's calls (and a message-details look-up)
 * find it. The webhooks themselves come from each provider's fixture ({@code ProviderFixture.webhook} and the
 * like).
 */
public final class InboundMessages {
    private InboundMessages() {}

    /**
     * What one webhook published.
     *
     * @param messageIds its messages' ids, in the webhook's order
     * @param acks       the sends' acknowledgements, one per message
     */
    public record Published(List<String> messageIds, List<Future<RecordMetadata>> acks) {}

    /**
     * Publishes the webhook's records to their inbound topics, keyed by conversation as ingress writes them (messages
     * of one second keep their order).
     *
     * @throws Exception when the webhook is no provider's format or a send cannot be handed to the producer
     */
    public static Published publish(Stack stack, KafkaProducer<String, SpecificRecord> producer, String json)
            throws Exception {
        List<String> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (SpecificRecord r : Webhooks.map(json)) {
            ProviderSpec spec = ProviderSpecs.ofInbound(r).orElseThrow();
            stack.simulator()
                    .messages()
                    .register(
                            Fixtures.of(spec.provider()).webhook().orElseThrow().delivered(r, 2));
            ids.add(spec.inbound().orElseThrow().read(r).messageId());
            acks.add(producer.send(
                    new ProducerRecord<>(ProviderSpecs.defaultTopic(r), ProviderSpecs.conversationKey(r), r)));
        }
        return new Published(List.copyOf(ids), List.copyOf(acks));
    }
}
