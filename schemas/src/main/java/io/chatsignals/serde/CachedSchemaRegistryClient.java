package io.chatsignals.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches both ways in front of another client: schema id → schema, and (subject, schema) → id. Ids are immutable in
 * a registry, so entries never expire; only successful answers are cached. {@link #latest} and
 * {@link #isCompatible} always ask the registry. Thread-safe.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {
    private final SchemaRegistryClient delegate;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public CachedSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    /**
     * A cached REST client for the given settings, or the shared in-memory {@link MockSchemaRegistry} when the first
     * URL is {@code mock://<scope>}.
     */
    public static SchemaRegistryClient fromConfig(SerdeConfig config) {
        String first = config.urls().get(0).toString();
        if (first.startsWith(MockSchemaRegistry.SCHEME)) {
            return MockSchemaRegistry.forScope(first.substring(MockSchemaRegistry.SCHEME.length()));
        }
        return new CachedSchemaRegistryClient(new RestSchemaRegistryClient(config));
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, true);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, false);
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema fetched = delegate.schemaById(id);
        Schema previous = schemasById.putIfAbsent(id, fetched);
        return previous != null ? previous : fetched;
    }

    @Override
    public Registered latest(String subject) {
        Registered latest = delegate.latest(subject);
        schemasById.putIfAbsent(latest.id(), latest.schema());
        return latest;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    private int cachedId(String subject, Schema schema, boolean register) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer id = ids.get(schema);
        if (id == null) {
            id = register ? delegate.register(subject, schema) : delegate.idOf(subject, schema);
            ids.put(schema, id);
            schemasById.putIfAbsent(id, schema);
        }
        return id;
    }
}
