package io.chatsignals.connect.huawei;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Huawei rejects the task's configuration outright, whatever the case: HTTP 403 (OSM.0003 forbidden: the IAM user may
 * not use the Service Tickets API for this account or group) or 404/405 (no such endpoint: a wrong base URL). Every
 * call of the task would meet it, so it fails the task with a message naming the settings to check. Told apart from a
 * case's refusal ({@link CallRefused}) by the answer itself, never by how many cases are refused: a closed case is the
 * normal end of a ticket and never fails a task (docs/providers.md, Huawei "Errors").
 */
final class ConfigurationRefused extends ConnectException {
    private static final long serialVersionUID = 1L;

    ConfigurationRefused(String message) {
        super(message);
    }
}
