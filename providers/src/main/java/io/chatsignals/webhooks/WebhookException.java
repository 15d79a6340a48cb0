package io.chatsignals.webhooks;

/** A webhook payload that is not JSON or misses a field the contract needs; the message names the field. */
public final class WebhookException extends Exception {
    private static final long serialVersionUID = 1L;

    public WebhookException(String message) {
        super(message);
    }
}
