package io.chatsignals.connect.huawei;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Huawei or its IAM refused a call for good, as opposed to a transient failure ({@code RetriableException}): the
 * credentials (IAM refused the token request, or the service refused a token IAM had just issued), or the request
 * itself (HTTP 400, 403, or HTTP 200 with an {@code OSM.…} business code — docs/providers.md, Huawei "Errors"). A
 * request refusal while polling is the polled cases' problem, not the task's: the task parks those cases.
 */
final class CallRefused extends ConnectException {
    /** Whose problem the refusal is. */
    enum Kind {
        /** the IAM user, its password or its account: every call of the task fails the same way */
        CREDENTIALS,
        /** this request: a case closed, deleted or not the account's, a parameter Huawei rejects */
        REQUEST
    }

    private static final long serialVersionUID = 1L;

    private final Kind kind;

    CallRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
