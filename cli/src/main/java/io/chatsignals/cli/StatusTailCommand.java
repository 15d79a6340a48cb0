package io.chatsignals.cli;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.SerializationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status tail}: the status topic as JSON lines on standard output (one {@code CommandStatus} per line, fields
 * as in the schema, instants in ISO-8601), filtered by provider, account and outcome. Reads from the beginning to
 * the end seen at start, or from the end on with {@code --follow --from-end}. A record that cannot be decoded is
 * named on stderr and skipped.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print command statuses as JSON lines.")
final class StatusTailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic", defaultValue = Topics.STATUS, description = "default: ${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--provider", description = "only these providers: ${COMPLETION-CANDIDATES}", split = ",")
    List<Provider> providers;

    @Option(
            names = "--account",
            description = "only these accounts (a command's account: what its provider counts against)",
            split = ",")
    List<String> accounts;

    @Option(names = "--outcome", description = "only these outcomes: ${COMPLETION-CANDIDATES}", split = ",")
    List<Outcome> outcomes;

    @Option(
            names = {"-f", "--follow"},
            description = "keep printing new statuses until Ctrl-C")
    boolean follow;

    @Option(names = "--from-end", description = "skip the statuses already in the topic (with --follow)")
    boolean fromEnd;

    @Option(names = "--max", description = "stop after this many statuses printed")
    Long max;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaAvroDeserializer<CommandStatus> values = new KafkaAvroDeserializer<>();
        values.configure(cluster.serde(Map.of(SerdeConfig.SPECIFIC_AVRO_READER, "true")), false);
        long[] printed = {0};
        try (TopicReader reader = new TopicReader(cluster.client(Map.of()), topic, fromEnd)) {
            reader.read(follow, record -> {
                CommandStatus status;
                try {
                    status = values.deserialize(record.topic(), record.headers(), record.value());
                } catch (SerializationException e) {
                    err.println(record.topic() + "-" + record.partition() + "@" + record.offset() + " not decoded: "
                            + e.getMessage());
                    err.flush();
                    return true;
                }
                if (matches(status)) {
                    out.println(RecordJson.of(status));
                    out.flush();
                    printed[0]++;
                }
                return max == null || printed[0] < max;
            });
        }
        return 0;
    }

    private boolean matches(CommandStatus s) {
        return (providers == null || providers.contains(s.getProvider()))
                && (accounts == null || accounts.contains(s.getAccount()))
                && (outcomes == null || outcomes.contains(s.getOutcome()));
    }
}
