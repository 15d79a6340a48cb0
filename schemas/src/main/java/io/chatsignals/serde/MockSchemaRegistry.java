package io.chatsignals.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * An in-memory schema registry for unit tests (e.g. Kafka Streams' TopologyTestDriver), chosen like Confluent's with
 * {@code schema.registry.url=mock://<scope>}: every serde configured with the same scope shares one registry. It
 * assigns ids and versions as a registry does but checks no compatibility. Not for production.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {
    /** The URL scheme that selects it. */
    public static final String SCHEME = "mock://";

    private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Registered>> bySubject = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {}

    /** @return the registry of a scope, created on first use */
    public static MockSchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistry());
    }

    /** Forgets a scope (between tests). */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Registered> versions = bySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        for (Registered r : versions) {
            if (r.schema().equals(schema)) {
                return r.id();
            }
        }
        int id = byId.entrySet().stream()
                .filter(e -> e.getValue().equals(schema))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseGet(NEXT_ID::getAndIncrement);
        byId.put(id, schema);
        versions.add(new Registered(subject, id, versions.size() + 1, schema));
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        return bySubject.getOrDefault(subject, List.of()).stream()
                .filter(r -> r.schema().equals(schema))
                .map(Registered::id)
                .findFirst()
                .orElseThrow(() -> new SchemaNotFoundException(
                        null, null, "mock registry: schema not registered under " + subject));
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(null, id, "mock registry: no schema with id " + id);
        }
        return schema;
    }

    @Override
    public synchronized Registered latest(String subject) {
        List<Registered> versions = bySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            throw new SchemaNotFoundException(null, null, "mock registry: no subject " + subject);
        }
        return versions.get(versions.size() - 1);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return true;
    }
}
