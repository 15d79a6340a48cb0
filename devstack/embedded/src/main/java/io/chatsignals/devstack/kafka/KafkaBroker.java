package io.chatsignals.devstack.kafka;

/** A running Kafka cluster that tests and the local run connect to, whatever backs it (embedded KRaft or a container). */
public interface KafkaBroker extends AutoCloseable {

    /** @return the {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123} */
    String bootstrapServers();

    /** @return a short name of the backend, for logs and skip messages ({@code embedded}, {@code testcontainers}) */
    String backend();

    /** Stops the broker and releases its resources; idempotent. */
    @Override
    void close();
}
