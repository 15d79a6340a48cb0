package io.chatsignals.providers;

import java.util.Optional;

/**
 * Rules for values that become a URL path segment of a provider request (shared/providers/PROVIDERS.md: "validate
 * before building a URL (it is a path segment)"). A segment is refused when it is empty, a dot segment ({@code .} or
 * {@code ..}, which a server that normalises paths resolves to another resource: RFC 3986 §5.2.4), or holds a
 * {@code /}, a {@code \}, a {@code %} or a control character. On top of these general rules each provider narrows its
 * own segments: 8x8 subAccountId by its regex, 8x8 umid as a UUID ({@link EightByEight}).
 */
public final class PathSegments {
    private PathSegments() {
    }

    /**
     * @param name  what the value is, for the message (e.g. {@code "umid"})
     * @param value the value that becomes one path segment
     * @return empty when the value is a safe path segment, else why not
     */
    public static Optional<String> problem(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(name + " is required");
        }
        if (value.equals(".") || value.equals("..")) {
            return Optional.of(name + " must not be a dot segment ('.' or '..')");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '/' || ch == '\\' || ch == '%' || Character.isISOControl(ch)) {
                return Optional.of(name + " must not contain '/', '\\', '%' or control characters");
            }
        }
        return Optional.empty();
    }
}
