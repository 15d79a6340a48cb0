package io.chatsignals.devstack.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Quarkus/Apicurio settings of the embedded registry, the same for a child process and an in-process start.
 *
 * <p>One database connection: Apicurio 2.4.2's H2 storage takes a Java lock around each {@code sequences} update while
 * the row lock lives until the transaction commits, so two concurrent first registrations deadlock until H2's lock
 * timeout (upstream issues Apicurio/apicurio-registry#2699 and #4351). A pool of one queues the transactions instead:
 * each takes milliseconds in memory, and a registration stalled for seconds inside a Kafka Streams exactly-once
 * transaction would outlive the 10 s transaction timeout and fence the producer.
 */
final class RegistrySettings {
    private RegistrySettings() {
    }

    /** @return system properties for a registry on 127.0.0.1:{@code port}, in a stable order */
    static Map<String, String> systemProperties(int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.host", "127.0.0.1");
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.log.level", "WARN");
        p.put("REGISTRY_DATASOURCE_URL", "jdbc:h2:mem:registry_db;LOCK_TIMEOUT=10000");
        for (String profile : new String[] {"", "%prod."}) {
            for (String size : new String[] {"initial-size", "min-size", "max-size"}) {
                p.put(profile + "quarkus.datasource.jdbc." + size, "1");
            }
        }
        return p;
    }
}
