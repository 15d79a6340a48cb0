package io.chatsignals.providers;

import java.time.Duration;
import java.util.regex.Pattern;

/** 8x8 Chat Apps facts every module relies on (shared/providers/PROVIDERS.md and the 8x8-*.txt pages). */
public final class EightByEight {
    /** A subAccountId path segment must match this (8x8-mark-message-read.txt, path parameters). */
    public static final Pattern SUB_ACCOUNT_ID = Pattern.compile("^[A-Za-z0-9\\-._&]{3,50}$");
    /** Typing indicators only for inbound messages received within this (8x8-typing-indicator.txt). */
    public static final Duration TYPING_WINDOW = Duration.ofHours(2);
    /** Message details: 1 request/second per subaccount (8x8-message-details.txt, API rate limiting). */
    public static final double DETAILS_PER_SECOND = 1.0;

    private EightByEight() {
    }

    /** @return whether the text is a valid subAccountId */
    public static boolean validSubAccountId(String subAccountId) {
        return subAccountId != null && SUB_ACCOUNT_ID.matcher(subAccountId).matches();
    }
}
