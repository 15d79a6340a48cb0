package io.chatsignals.serde;

import org.apache.avro.Schema;

/**
 * The calls of the Confluent Schema Registry REST API the serde needs. Works against Confluent Schema Registry,
 * Apicurio's {@code /apis/ccompat/v7}, Karapace and Redpanda. Every method raises a {@link SchemaSerdeException}
 * subtype: {@link SchemaNotFoundException}, {@link RegistryUnavailableException}, {@link RegistryRequestException}
 * or {@link IncompatibleSchemaException}.
 */
public interface SchemaRegistryClient {

    /** A schema as registered under a subject. */
    record Registered(String subject, int id, int version, Schema schema) {}

    /**
     * Registers the schema under the subject ({@code POST /subjects/{subject}/versions}); registering an existing
     * schema again returns its id.
     *
     * @return the global schema id
     * @throws IncompatibleSchemaException if it breaks the subject's compatibility rule
     */
    int register(String subject, Schema schema);

    /**
     * Looks up the id of a schema already registered under the subject ({@code POST /subjects/{subject}}).
     *
     * @throws SchemaNotFoundException if the subject or the schema under it is unknown
     */
    int idOf(String subject, Schema schema);

    /**
     * Fetches a schema by its global id ({@code GET /schemas/ids/{id}}).
     *
     * @throws SchemaNotFoundException if the id is unknown
     */
    Schema schemaById(int id);

    /**
     * The latest version under a subject ({@code GET /subjects/{subject}/versions/latest}).
     *
     * @throws SchemaNotFoundException if the subject is unknown
     */
    Registered latest(String subject);

    /**
     * Asks whether the schema could be registered under the subject
     * ({@code POST /compatibility/subjects/{subject}/versions/latest}).
     */
    boolean isCompatible(String subject, Schema schema);
}
