package io.chatsignals.devstack.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Quarkus/Apicurio settings of the embedded registry, the same for a child process and an in-process start.
 *
 * <p>One request at a time: Apicurio 2.4.2's H2 storage takes a Java lock around each {@code sequences} update while
 * the row lock lives until the transaction commits, so two concurrent first registrations deadlock until H2's lock
 * timeout (upstream issues Apicurio/apicurio-registry#2699 and #4351). One worker thread queues the requests instead
 * (a pool of one database connection does not do: a compatibility check takes a second connection): each takes
 * milliseconds in memory, whereas a registration stalled for seconds inside a Kafka Streams exactly-once transaction
 * outlives the 10 s transaction timeout and fences the producer.
 */
final class RegistrySettings {
    private RegistrySettings() {}

    /** @return system properties for a registry on 127.0.0.1:{@code port}, in a stable order */
    static Map<String, String> systemProperties(int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.host", "127.0.0.1");
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.log.level", "WARN");
        p.put("REGISTRY_DATASOURCE_URL", "jdbc:h2:mem:registry_db;LOCK_TIMEOUT=10000");
        p.put("quarkus.thread-pool.core-threads", "1");
        p.put("quarkus.thread-pool.max-threads", "1");
        return p;
    }
}
