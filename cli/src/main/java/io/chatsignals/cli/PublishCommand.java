package io.chatsignals.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.webhooks.CloudApiWebhook;
import io.chatsignals.webhooks.InboundKeys;
import io.chatsignals.webhooks.WebhookException;
import io.chatsignals.webhooks.WebhookMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: provider webhook JSON (8x8 {@code inbound_message_received}, NXCloud inbound, WhatsApp Cloud API
 * {@code whatsapp_business_account}; a Cloud API delivery of statuses only publishes nothing) mapped to contract
 * records ({@link WebhookMapper}) and published to the inbound topics, acks=all and idempotent. Files, or standard
 * input (one or many JSON documents). A payload that is not JSON or misses a field is named with the field on stderr
 * and nothing of it is published; the exit code is then 1.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description =
                "Map 8x8 / NXCloud / WhatsApp Cloud API inbound webhook JSON to chat-signals records and publish them.")
final class PublishCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    ChatSignalsCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic-8x8", defaultValue = Topics.INBOUND_8X8, description = "default: ${DEFAULT-VALUE}")
    String topic8x8;

    @Option(names = "--topic-nxcloud", defaultValue = Topics.INBOUND_NXCLOUD, description = "default: ${DEFAULT-VALUE}")
    String topicNxCloud;

    @Option(
            names = "--topic-whatsapp-cloud",
            defaultValue = Topics.INBOUND_WHATSAPP_CLOUD,
            description = "default: ${DEFAULT-VALUE}")
    String topicWhatsAppCloud;

    @Parameters(description = "webhook JSON files; none or '-' reads standard input")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int published = 0;
        int rejected = 0;
        int receipts = 0; // Cloud API statuses[] and errors[]: not messages, counted only
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(cluster.serde(Map.of()), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                cluster.client(
                        Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")),
                new StringSerializer(),
                serializer)) {
            for (String source : files.isEmpty() ? List.of("-") : files) {
                List<JsonNode> documents;
                try (InputStream in = source.equals("-") ? parent.stdin() : Files.newInputStream(Path.of(source))) {
                    documents = readAll(in);
                } catch (IOException e) {
                    err.println(source + ": not JSON: " + e.getMessage());
                    rejected++;
                    continue;
                }
                for (int i = 0; i < documents.size(); i++) {
                    String where = source + (documents.size() > 1 ? "#" + (i + 1) : "");
                    try {
                        JsonNode document = documents.get(i);
                        List<? extends SpecificRecord> records;
                        if (CloudApiWebhook.is(document)) {
                            CloudApiWebhook.Mapped mapped = CloudApiWebhook.map(document);
                            receipts += mapped.statuses() + mapped.errors();
                            records = mapped.messages();
                        } else {
                            records = WebhookMapper.map(document.toString());
                        }
                        for (SpecificRecord record : records) {
                            String topic = topicOf(record);
                            // keyed by conversation, as ingress writes them: messages of one second keep their order
                            producer.send(new ProducerRecord<>(topic, InboundKeys.conversation(record), record))
                                    .get();
                            published++;
                        }
                    } catch (WebhookException e) {
                        err.println(where + ": " + e.getMessage() + " (nothing published for this payload)");
                        rejected++;
                    }
                }
            }
        }
        out.println("published=" + published + " rejected=" + rejected + " receipts=" + receipts);
        out.flush();
        err.flush();
        return rejected == 0 ? 0 : 1;
    }

    /** @return the inbound topic of a mapped record's type */
    private String topicOf(SpecificRecord record) {
        if (record instanceof EightByEightInbound) {
            return topic8x8;
        }
        return record instanceof NxCloudInbound ? topicNxCloud : topicWhatsAppCloud;
    }

    private static List<JsonNode> readAll(InputStream in) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        }
        return docs;
    }
}
