package io.chatsignals.devstack.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.devstack.run.webhook.WebhookException;
import io.chatsignals.devstack.run.webhook.WebhookMapper;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Publishes provider webhook JSON (8x8 {@code inbound_message_received}, NXCloud inbound) as contract records to the
 * inbound topics of any cluster and registry. Files, or standard input (one or many JSON documents). A payload that
 * is not JSON or misses a field is reported with the field and not published; the exit code is then 1.
 */
@Command(name = "publish-webhooks", mixinStandardHelpOptions = true,
        description = "Maps 8x8 / NXCloud inbound webhook JSON to chat-signals records and publishes them.")
public final class PublishCli implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true, description = "Confluent-compatible registry URL")
    String registryUrl;

    @Option(names = "--registry-user-info", description = "user:password for the registry (Basic auth)")
    String registryUserInfo;

    @Option(names = "--topic-8x8", defaultValue = "chat.inbound.8x8.v1", description = "default: ${DEFAULT-VALUE}")
    String topic8x8;

    @Option(names = "--topic-nxcloud", defaultValue = "chat.inbound.nxcloud.v1", description = "default: ${DEFAULT-VALUE}")
    String topicNxCloud;

    @Parameters(description = "webhook JSON files; none or '-' reads standard input")
    List<String> files = new ArrayList<>();

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public PublishCli(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Exit code 0 when every payload was published, 1 when any was rejected or could not be sent, 2 for bad arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PublishCli(System.in, System.out, System.err)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> sources = files.isEmpty() ? List.of("-") : files;
        int published = 0;
        int rejected = 0;
        Map<String, Object> serde = new HashMap<>(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
        if (registryUserInfo != null) {
            serde.put(SerdeConfig.BASIC_AUTH_USER_INFO, registryUserInfo);
        }
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(serde, false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            for (String source : sources) {
                List<JsonNode> documents;
                try (InputStream in = source.equals("-") ? stdin : Files.newInputStream(Path.of(source))) {
                    documents = readAll(in);
                } catch (Exception e) {
                    err.println(source + ": not JSON: " + e.getMessage());
                    rejected++;
                    continue;
                }
                for (int i = 0; i < documents.size(); i++) {
                    String where = source + (documents.size() > 1 ? "#" + (i + 1) : "");
                    try {
                        for (SpecificRecord record : WebhookMapper.map(documents.get(i).toString())) {
                            String topic = record instanceof EightByEightInbound ? topic8x8 : topicNxCloud;
                            producer.send(new ProducerRecord<>(topic, null, record)).get();
                            published++;
                        }
                    } catch (WebhookException e) {
                        err.println(where + ": " + e.getMessage() + " (nothing published for this payload)");
                        rejected++;
                    }
                }
            }
        }
        out.println("published=" + published + " rejected=" + rejected);
        return rejected == 0 ? 0 : 1;
    }

    private static List<JsonNode> readAll(InputStream in) throws java.io.IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        }
        return docs;
    }
}
