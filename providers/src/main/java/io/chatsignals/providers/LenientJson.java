package io.chatsignals.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads a provider's answer body for its error fields: a blank or malformed body (a gateway's HTML error page, a cut
 * connection) reads as an empty object, so that classification falls back to the HTTP status instead of failing.
 */
public final class LenientJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LenientJson() {}

    /** @return the parsed body, or an empty object for null, blank or malformed text */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
