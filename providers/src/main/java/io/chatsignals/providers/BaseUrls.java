package io.chatsignals.providers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A provider endpoint setting ({@code <provider>.base-url}, an IAM URL, …) read once, the same way everywhere. */
public final class BaseUrls {
    private BaseUrls() {}

    /**
     * @param key   the setting's name, for the error
     * @param value the configured URL
     * @return the URL trimmed, without trailing {@code /} (paths are appended to it)
     * @throws IllegalArgumentException naming the key when the value is not an absolute http(s) URL with a host
     */
    public static String of(String key, String value) {
        String url = value == null ? "" : value.trim().replaceAll("/+$", "");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                key + " must be an http(s) URL such as https://host[:port][/path], was '" + value + "'");
    }
}
