package io.chatsignals.streams.errors;

/**
 * An input record that decoded but breaks a validation rule (docs/design.md, decision rule 1): a missing field, an
 * account that breaks its provider's id rule, an event time too far in the future. {@link InvalidRecordHandler} sends
 * the original bytes to the inbound DLQ with this message as the reason, and the application goes on.
 */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
