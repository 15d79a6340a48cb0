package io.chatsignals.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.webhooks.WebhookException;
import io.chatsignals.webhooks.WebhookFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: provider webhooks, as each provider posts them, mapped to contract records ({@link Webhooks}: the
 * format is recognised by its fields; a delivery of receipts only publishes nothing) and published to the inbound
 * topics, acks=all and idempotent. Files, or standard input: one or many JSON documents, or — for a provider that
 * posts form parameters — one form body per line. A payload that is neither, or misses a field, is named with the
 * field on stderr and nothing of it is published; the exit code is then 1.
 */
@Command(
        name = "publish",
        modelTransformer = PublishCommand.TopicOptions.class,
        mixinStandardHelpOptions = true,
        description = "Map the providers' inbound webhooks (JSON, or form parameters one per line) to chat-signals"
                + " records and publish them.")
final class PublishCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    ChatSignalsCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    /** {@code --topic-<key>} of each webhook provider, as given; the provider's default topic otherwise. */
    private final Map<String, String> topics = new HashMap<>();

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
                    err.println(source + ": " + e.getMessage());
                    rejected++;
                    continue;
                }
                for (int i = 0; i < documents.size(); i++) {
                    String where = source + (documents.size() > 1 ? "#" + (i + 1) : "");
                    try {
                        JsonNode document = documents.get(i);
                        WebhookFormat format = Webhooks.detect(document);
                        WebhookFormat.Mapped mapped = format.read(document);
                        receipts += mapped.receipts();
                        for (SpecificRecord record : mapped.records()) {
                            String topic = topics.getOrDefault(
                                    ProviderSpecs.of(format.provider()).key(), ProviderSpecs.defaultTopic(record));
                            // keyed by conversation, as ingress writes them: messages of one second keep their order
                            producer.send(new ProducerRecord<>(topic, ProviderSpecs.conversationKey(record), record))
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

    /**
     * Adds {@code --topic-<key>} for each webhook provider ({@link Webhooks#ALL}), its default the provider's
     * topic: a new provider needs no option here.
     */
    static final class TopicOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            PublishCommand publish = (PublishCommand) command.userObject();
            for (WebhookFormat format : Webhooks.ALL) {
                ProviderSpec provider = ProviderSpecs.of(format.provider());
                String key = provider.key();
                command.addOption(OptionSpec.builder("--topic-" + key)
                        .paramLabel("TOPIC")
                        .type(String.class)
                        .defaultValue(provider.inbound().orElseThrow().topic())
                        .description("the topic of " + key + " records; default: ${DEFAULT-VALUE}")
                        .setter(new CommandLine.Model.ISetter() {
                            @Override
                            @SuppressWarnings("unchecked")
                            public <T> T set(T value) {
                                publish.topics.put(key, (String) value);
                                return null;
                            }
                        })
                        .build());
            }
            return command;
        }
    }

    /** @throws IOException naming the problem, for input that is neither JSON documents nor form bodies */
    private static List<JsonNode> readAll(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        List<JsonNode> docs = new ArrayList<>();
        if (text.isEmpty() || text.startsWith("{") || text.startsWith("[")) {
            try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(bytes)) {
                while (it.hasNextValue()) {
                    docs.add(it.nextValue());
                }
            } catch (IOException e) {
                throw new IOException("not JSON: " + e.getMessage(), e);
            }
            return docs;
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                try {
                    docs.add(Webhooks.form(line.strip().getBytes(StandardCharsets.UTF_8)));
                } catch (WebhookException e) {
                    throw new IOException("neither JSON nor form parameters: " + e.getMessage(), e);
                }
            }
        }
        return docs;
    }
}
