package io.chatsignals.ops;

/**
 * Makes a value taken from a record safe to put in a log line, a DLQ reason or an error message: control characters
 * (CR, LF, tab, ESC, …) become Java-style escapes ({@code \r}, {@code \n}, {@code \t}, {@code \u001b}), so that a
 * field can never start a forged log line or carry terminal escape sequences; very long values are cut.
 */
public final class LogSafe {
    /** Longest value kept, in characters; the rest is replaced by {@code …(+N chars)}. */
    public static final int MAX_LENGTH = 200;

    private LogSafe() {}

    /** @return the value with control characters escaped and cut to {@link #MAX_LENGTH}; {@code null} as "null" */
    public static String escape(String value) {
        if (value == null) {
            return "null";
        }
        String kept = value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
        StringBuilder out = new StringBuilder(kept.length() + 8);
        for (int i = 0; i < kept.length(); i++) {
            char ch = kept.charAt(i);
            switch (ch) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        if (value.length() > MAX_LENGTH) {
            out.append("…(+").append(value.length() - MAX_LENGTH).append(" chars)");
        }
        return out.toString();
    }

    /** @return {@link #escape} of the value in single quotes, for a reason such as {@code account 'x\nINFO' is invalid} */
    public static String quote(String value) {
        return value == null ? "null" : "'" + escape(value) + "'";
    }
}
