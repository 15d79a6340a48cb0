package io.chatsignals.devstack.run;

import io.chatsignals.contract.Policies;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local run's businesses and their policies (docs/policies.md): for each webhook provider run, its account 1 reads
 * when an agent views the conversation, account 2 when the agent replies, account 3 never; the others follow the
 * global settings. Published to {@code chat.policies.v1} before the traffic starts, as a BSP would set them.
 */
final class LocalPolicies {
    private static final List<ReadPolicy> BY_ACCOUNT =
            List.of(ReadPolicy.ON_AGENT_VIEW, ReadPolicy.ON_AGENT_REPLY, ReadPolicy.OFF);

    private LocalPolicies() {}

    /**
     * @param accounts accounts per provider of the traffic (an account past it gets no policy)
     * @return one line per policy set ({@code <key> read-policy=<name>})
     * @throws Exception when the broker or the registry does not take them
     */
    static List<String> publish(String bootstrapServers, String registryUrl, Set<Provider> providers, int accounts)
            throws Exception {
        KafkaAvroSerializer<BusinessPolicy> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        List<String> lines = new ArrayList<>();
        try (KafkaProducer<String, BusinessPolicy> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                serializer)) {
            SplittableRandom random = new SplittableRandom(11);
            for (ProviderFixture fixture : Fixtures.withWebhook()) {
                if (!providers.contains(fixture.provider())) {
                    continue;
                }
                ProviderFixture.WebhookTraffic traffic = fixture.webhook().orElseThrow();
                for (int i = 1; i <= BY_ACCOUNT.size() && i < accounts; i++) {
                    String account = traffic.accountId(traffic.conversation(i, 0, random));
                    BusinessPolicy policy = BusinessPolicy.newBuilder()
                            .setProvider(fixture.provider())
                            .setAccount(account)
                            .setReadPolicy(BY_ACCOUNT.get(i - 1))
                            .setUpdatedAt(Instant.now())
                            .setUpdatedBy("local-run")
                            .build();
                    String key = Policies.key(fixture.provider(), account);
                    producer.send(new ProducerRecord<>(Topics.POLICIES, key, policy))
                            .get();
                    lines.add(key + " read-policy=" + Policies.name(policy.getReadPolicy()));
                }
            }
        }
        return lines;
    }
}
