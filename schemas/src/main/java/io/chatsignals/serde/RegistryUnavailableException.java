package io.chatsignals.serde;

/**
 * No configured registry URL answered (connection refused, timeout, TLS failure) or the registry answered 5xx. A
 * transient condition: retrying later may succeed.
 */
public final class RegistryUnavailableException extends SchemaSerdeException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String topic, Integer schemaId, String what, Throwable cause) {
        super(topic, schemaId, what, cause);
    }

    @Override
    public RegistryUnavailableException forTopic(String topic) {
        return new RegistryUnavailableException(topic, schemaId(), what(), getCause());
    }
}
