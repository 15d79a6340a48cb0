package io.chatsignals.worker.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.providers.LenientJson;

/**
 * An error answer of Meta's Graph API, the envelope every provider on Meta's platform answers with
 * ({@code {error: {message, type, code, error_subcode?, error_data?, fbtrace_id}}}; Meta "Graph API: handling errors",
 * docs/providers.md, "Meta's Graph API"). Callers decide on {@link #code} and {@link #subcode}, never on
 * the text.
 *
 * @param code    {@code error.code}, null when absent or the body is not the envelope
 * @param subcode {@code error.error_subcode}, null when absent
 * @param text    the message with its subcode and details, for a status's reason; the raw body when it is not the
 *                envelope
 * @param traceId {@code error.fbtrace_id} (the status's {@code errorId}), null when absent
 */
public record GraphError(Integer code, Integer subcode, String text, String traceId) {
    /** @param body the response body, may be null or not JSON */
    public static GraphError of(String body) {
        JsonNode error = LenientJson.parse(body).path("error");
        if (!error.isObject()) {
            return new GraphError(null, null, body == null ? "" : body, null);
        }
        Integer code =
                error.path("code").isIntegralNumber() ? error.path("code").asInt() : null;
        Integer subcode = error.path("error_subcode").isIntegralNumber()
                ? error.path("error_subcode").asInt()
                : null;
        StringBuilder text = new StringBuilder(error.path("message").asText(""));
        if (error.hasNonNull("error_subcode")) {
            text.append(" (subcode ")
                    .append(error.get("error_subcode").asText())
                    .append(')');
        }
        String details = error.path("error_data").path("details").asText("");
        if (!details.isEmpty()) {
            text.append(": ").append(details);
        }
        String traceId =
                error.hasNonNull("fbtrace_id") ? error.get("fbtrace_id").asText() : null;
        return new GraphError(code, subcode, text.toString(), traceId);
    }

    /** @return whether the code is the one given */
    public boolean is(int expected) {
        return code != null && code == expected;
    }
}
