package io.chatsignals.devstack.run;

import static io.chatsignals.devstack.run.fixture.WhatsAppCloudFixture.wamids;
import static io.chatsignals.devstack.run.fixture.WhatsAppCloudFixture.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.traffic.InboundMessages;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp Cloud API end to end on the embedded stack, from webhook JSON to status: a same-second pair is one read
 * of the later message, agent typing is one TYPING that counts as the read, a group's messages are read one by one, a
 * delivery of statuses only publishes nothing; every command gets one status from the simulator's Cloud API.
 */
class WhatsAppCloudEndToEndTest {
    private static final String PHONE = "106540352242922";

    @Test
    void webhooksBecomeReadsAndTypingAtTheCloudApiWithOneStatusEach() throws Exception {
        try (Stack stack = Stack.start(new Stack.Options(
                        3,
                        1,
                        Map.of("read.delay", "3s", "punctuate.interval", "100ms"),
                        Map.of("retry.base", "100ms", "retry.max", "500ms"),
                        Behaviour.none().withLatency(Latency.uniform(5, 30)),
                        EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                        0,
                        86_400,
                        Map.of()));
                KafkaProducer<String, SpecificRecord> producer = stack.producer();
                RecordsSeen seen = new RecordsSeen(stack.reader(Topics.COMMANDS, Topics.STATUS))) {
            Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
            String pair = webhook(PHONE, List.of("16500000001", "16500000001"), null, now);
            String typed = webhook(PHONE, List.of("16500000002"), null, now);
            String group = webhook(PHONE, List.of("16500000003", "16500000004"), "grp-e2e", now);
            for (String json : List.of(pair, typed, group, Samples.read("whatsapp-cloud-statuses.json"))) {
                for (var ack : InboundMessages.publish(stack, producer, json).acks()) {
                    ack.get();
                }
            }
            // the agent starts typing once the messages are in: the activity is decided after them
            try (InboundCommitted inbound = new InboundCommitted(stack, List.of(Topics.INBOUND_WHATSAPP_CLOUD))) {
                await().atMost(Duration.ofSeconds(30)).until(inbound::done);
            }
            producer.send(new ProducerRecord<>(
                            Topics.ACTIVITY,
                            null,
                            ConversationActivity.newBuilder()
                                    .setProvider(Provider.WHATSAPP_CLOUD)
                                    .setAccount(PHONE)
                                    .setCustomer("16500000002")
                                    .setKind(ActivityKind.AGENT_TYPING)
                                    .setOccurredAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                                    .build()))
                    .get();

            Map<String, Set<String>> expected = Map.of(
                    conversation("16500000001"),
                            Set.of("MARK_READ " + wamids(pair).get(1)),
                    conversation("16500000002"),
                            Set.of("TYPING " + wamids(typed).get(0)),
                    conversation("grp-e2e"),
                            Set.of(
                                    "MARK_READ " + wamids(group).get(0),
                                    "MARK_READ " + wamids(group).get(1)));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> seen.of(CommandStatus.class).size() >= 4);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> seen.of(ChatCommand.class).size() == 4
                            && seen.of(CommandStatus.class).size() == 4);
            List<ChatCommand> commands = seen.of(ChatCommand.class);
            assertThat(commands.stream()
                            .collect(Collectors.groupingBy(
                                    c -> Keys.conversation(c.getProvider(), c.getAccount(), c.getCustomer()),
                                    Collectors.mapping(
                                            c -> c.getAction() + " " + c.getMessageId(), Collectors.toSet()))))
                    .as("a group's two reads: one each, in any order (a same-second tie is broken by arrival, and the"
                            + " two messages travel on different partitions)")
                    .isEqualTo(expected);
            List<CommandStatus> statuses = seen.of(CommandStatus.class);
            assertThat(statuses)
                    .extracting(CommandStatus::getCommandId)
                    .containsExactlyInAnyOrderElementsOf(
                            commands.stream().map(ChatCommand::getCommandId).toList());
            assertThat(statuses).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
            assertThat(statuses).extracting(CommandStatus::getEnrichment).containsOnly(Enrichment.NOT_APPLICABLE);
            assertThat(stack.simulator().calls().accepted("whatsapp-cloud.messages"))
                    .isEqualTo(4);
        }
    }

    private static String conversation(String customer) {
        return Keys.conversation(Provider.WHATSAPP_CLOUD, PHONE, customer);
    }
}
