package io.chatsignals.connect.huawei;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Huawei refused a request about particular cases, as opposed to a transient failure ({@code RetriableException}):
 * HTTP 200 with an {@code OSM.…} business code, or another 4xx such as 400 OSM.0001 (docs/providers.md, Huawei
 * "Errors") — a case closed, deleted or not the account's, a cursor Huawei no longer takes. While polling it is the
 * polled cases' problem, never the task's, however many of its cases meet it: the task parks those cases and checks
 * them again. Refused credentials are {@link CredentialsRefused}, a configuration refused whatever the case
 * {@link ConfigurationRefused}.
 */
final class CallRefused extends ConnectException {
    private static final long serialVersionUID = 1L;

    CallRefused(String message) {
        super(message);
    }
}
