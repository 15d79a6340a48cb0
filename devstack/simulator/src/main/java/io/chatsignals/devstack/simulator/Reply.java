package io.chatsignals.devstack.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * A provider answer decided by an endpoint, before latency is applied and it is sent.
 *
 * @param status    HTTP status
 * @param body      JSON body, or "" for none
 * @param headers   extra response headers (e.g. Retry-After)
 * @param account   the account the call was for, "" if unknown
 * @param messageId the umid / message id, "" if none
 * @param accepted  whether the provider accepted the call
 * @param reason    {@code ok} or why it was rejected
 * @param code      provider code in the body (0 for none / success)
 */
record Reply(
        int status,
        String body,
        Map<String, String> headers,
        String account,
        String messageId,
        boolean accepted,
        String reason,
        int code) {

    static Reply ok(int status, String body, String account, String messageId) {
        return new Reply(status, body, Map.of(), account, messageId, true, "ok", 0);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new Reply(status, body, Map.copyOf(all), account, messageId, accepted, reason, code);
    }
}
