package io.chatsignals.ops;

import java.util.Locale;

/** The start-up rules settings are held to, each failing with the key, the value and the rule. */
public final class Checks {
    private Checks() {}

    /**
     * @return the value in lower case when it is one of the allowed words (case-insensitive)
     * @throws IllegalArgumentException naming the key, the value and the allowed words
     */
    public static String oneOf(String key, String value, String... allowed) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                key + " must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
    }

    /**
     * @return the value when at least {@code min}
     * @throws IllegalArgumentException naming the key, the value and the bound (a value that would stall the app)
     */
    public static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /**
     * @return the value when at most {@code max}
     * @throws IllegalArgumentException naming the key, the value, the bound and why it exists
     */
    public static int atMost(String key, int value, int max, String because) {
        if (value > max) {
            throw new IllegalArgumentException(key + " must be at most " + max + " (" + because + "), was " + value);
        }
        return value;
    }
}
