package io.chatsignals.serde;

/**
 * The registry refused the request with a 4xx other than "not found": 401/403 (credentials in
 * {@code basic.auth.user.info} missing or wrong), 422 (invalid schema), and so on. Not transient.
 */
public class RegistryRequestException extends SchemaSerdeException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final int errorCode;

    public RegistryRequestException(String topic, Integer schemaId, int httpStatus, int errorCode, String what) {
        super(topic, schemaId, what + " (HTTP " + httpStatus + ", error_code " + errorCode + ")", null);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** @return the HTTP status the registry answered */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the registry's {@code error_code}, or the HTTP status when the body had none */
    public int errorCode() {
        return errorCode;
    }

    @Override
    public RegistryRequestException forTopic(String topic) {
        return new RegistryRequestException(topic, schemaId(), httpStatus, errorCode, bareWhat());
    }

    /** @return the message without the topic prefix and the HTTP suffix */
    protected String bareWhat() {
        String what = what();
        int suffix = what.lastIndexOf(" (HTTP ");
        return suffix < 0 ? what : what.substring(0, suffix);
    }
}
