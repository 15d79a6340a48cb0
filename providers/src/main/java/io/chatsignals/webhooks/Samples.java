package io.chatsignals.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Real-format webhook payloads shipped with this module ({@code src/main/resources/webhooks/}), named
 * {@code <provider key>-<case>.json} (such as {@code <key>-inbound-text.json}): templates for traffic generators and
 * tests.
 */
public final class Samples {
    private Samples() {}

    /**
     * @param name a file name under {@code webhooks/}
     * @return the payload as UTF-8 text
     * @throws IllegalArgumentException for an unknown name
     */
    public static String read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no webhook sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
