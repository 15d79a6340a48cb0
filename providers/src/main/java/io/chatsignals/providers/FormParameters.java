package io.chatsignals.providers;

import io.chatsignals.webhooks.WebhookException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an {@code application/x-www-form-urlencoded} body (WHATWG URL standard, "application/x-www-form-urlencoded
 * parsing"): {@code name=value} pairs joined by {@code &}, {@code +} a space, {@code %XX} a UTF-8 byte. Stateless.
 */
public final class FormParameters {
    private FormParameters() {}

    /**
     * @param body the form body, UTF-8
     * @return every parameter by name, in the ordinal order of names (case-sensitive), each name's values in the order
     *         received
     * @throws WebhookException for an undecodable escape or a pair without {@code =}
     */
    public static Map<String, List<String>> parse(byte[] body) throws WebhookException {
        Map<String, List<String>> out = new TreeMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new WebhookException("not form parameters: '" + truncate(pair) + "' has no '='");
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new WebhookException("not form parameters: " + e.getMessage());
            }
        }
        return out;
    }

    private static String truncate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
