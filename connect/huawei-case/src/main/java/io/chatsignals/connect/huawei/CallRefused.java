package io.chatsignals.connect.huawei;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Huawei refused a request for good, as opposed to a transient failure ({@code RetriableException}): HTTP 400, 403, or
 * HTTP 200 with an {@code OSM.…} business code (docs/providers.md, Huawei "Errors") — a case closed, deleted or not the
 * account's, a parameter Huawei rejects. While polling it is the polled cases' problem, not the task's: the task parks
 * those cases. Refused credentials are {@link CredentialsRefused} instead.
 */
final class CallRefused extends ConnectException {
    private static final long serialVersionUID = 1L;

    CallRefused(String message) {
        super(message);
    }
}
