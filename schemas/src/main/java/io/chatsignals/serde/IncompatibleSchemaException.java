package io.chatsignals.serde;

/**
 * The registry refused to register a schema because it breaks the subject's compatibility rule (HTTP 409), e.g. a
 * field retyped under BACKWARD. The message carries the registry's explanation.
 */
public final class IncompatibleSchemaException extends RegistryRequestException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String topic, int httpStatus, int errorCode, String what) {
        super(topic, null, httpStatus, errorCode, what);
    }

    @Override
    public IncompatibleSchemaException forTopic(String topic) {
        return new IncompatibleSchemaException(topic, httpStatus(), errorCode(), bareWhat());
    }
}
