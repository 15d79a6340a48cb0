package io.chatsignals.connect.huawei;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * IAM refused the token request, or the service refused a token IAM had just issued: the IAM user, its password or its
 * account is wrong or lacks a permission, so every call of the task would fail the same way. Not a {@link CallRefused}:
 * it fails the task (and the connector's case listing) with a message naming the settings to check.
 */
final class CredentialsRefused extends ConnectException {
    private static final long serialVersionUID = 1L;

    CredentialsRefused(String message) {
        super(message);
    }
}
