package io.chatsignals.cli;

import static io.chatsignals.cli.CliTest.cluster;
import static io.chatsignals.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chat-signals policy} against a broker: set, get, list, unset; a policy a user must fix is refused with the
 * reason, exit 1, nothing written.
 */
@KafkaStack
class PolicyCommandTest {
    private static String topic(KafkaBroker kafka) throws Exception {
        String topic = "policies-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
        }
        return topic;
    }

    @Test
    void setGetListUnset(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        String topic = topic(kafka);
        CliTest.Run set = run(
                "",
                cluster(
                        kafka,
                        registry,
                        "policy",
                        "set",
                        "whatsapp-cloud",
                        "1234567890",
                        "--read-policy",
                        "on-agent-reply",
                        "--typing-policy",
                        "off",
                        "--topic",
                        topic));
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out())
                .startsWith("WHATSAPP_CLOUD:1234567890 read-policy=on-agent-reply typing-policy=off version=")
                .contains("by=cli");
        run("", cluster(kafka, registry, "policy", "set", "8x8", "*", "--read-delay", "5s", "--topic", topic));

        CliTest.Run get =
                run("", cluster(kafka, registry, "policy", "get", "WHATSAPP_CLOUD", "1234567890", "--topic", topic));
        assertThat(get.exit()).isZero();
        assertThat(get.out()).isEqualTo(set.out());

        CliTest.Run list = run("", cluster(kafka, registry, "policy", "list", "--topic", topic));
        assertThat(list.out()).contains("EIGHT_BY_EIGHT:* read-delay=5000ms").endsWith("2 policies\n");

        assertThat(run(
                                "",
                                cluster(
                                        kafka,
                                        registry,
                                        "policy",
                                        "unset",
                                        "whatsapp-cloud",
                                        "1234567890",
                                        "--topic",
                                        topic))
                        .exit())
                .isZero();
        CliTest.Run gone =
                run("", cluster(kafka, registry, "policy", "get", "whatsapp-cloud", "1234567890", "--topic", topic));
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("no policy set for WHATSAPP_CLOUD:1234567890");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown policy   | 8x8      | --read-policy   | on-open | read policy: 'on-open' is none of",
                "negative delay   | 8x8      | --read-delay    | PT-5S   | read delay: negative",
                "not a duration   | 8x8      | --typing-refresh| soon    | not a duration",
                "unknown provider | telegram | --read-policy   | off     | provider: 'telegram' is none of",
            })
    void aPolicyToFixIsRefusedWithTheReasonAndNothingIsWritten(
            String what,
            String provider,
            String option,
            String value,
            String reason,
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry)
            throws Exception {
        String topic = topic(kafka);
        CliTest.Run refused =
                run("", cluster(kafka, registry, "policy", "set", provider, "acme", option, value, "--topic", topic));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(reason).contains("nothing written");
        assertThat(run("", cluster(kafka, registry, "policy", "list", "--topic", topic))
                        .out())
                .isEqualTo("0 policies\n");
    }
}
