package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.CommandStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many clients registering the same new schema at the same moment all get its one id (no spurious 409). */
@KafkaStack
class ConcurrentRegistrationTest {

    @Test
    void simultaneousFirstRegistrationsAgreeOnOneId(EmbeddedSchemaRegistry registry) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                String subject = "race-" + UUID.randomUUID() + "-value";
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> new RestSchemaRegistryClient(
                                    SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url())))
                            .register(subject, CommandStatus.getClassSchema()));
                }
                List<Integer> ids = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    ids.add(f.get());
                }
                assertThat(ids).as("round " + round).hasSize(8).containsOnly(ids.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
