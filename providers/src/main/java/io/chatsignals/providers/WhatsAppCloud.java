package io.chatsignals.providers;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Meta's WhatsApp Cloud API facts every module relies on (docs/providers.md, "Meta WhatsApp Cloud API", and the Meta
 * pages it cites: "Mark messages as read", "Typing indicators", "Throughput", "WhatsApp error codes").
 */
public final class WhatsAppCloud {
    /** A phone number id is digits: it becomes a path segment ({@code /<version>/<phone_number_id>/messages}). */
    public static final Pattern PHONE_NUMBER_ID = Pattern.compile("^[0-9]{1,32}$");
    /** Throughput: 80 messages/s per business phone number by default (Meta "Throughput"). */
    public static final double DEFAULT_PER_SECOND = 80.0;
    /** A typing indicator only while a reply may be sent: the 24 h customer-service window (unverified for typing). */
    public static final Duration TYPING_WINDOW = Duration.ofHours(24);
    /** A message can be marked read within 30 days of receipt (Meta "Mark messages as read"). */
    public static final Duration READ_WINDOW = Duration.ofDays(30);
    /** The Graph API version the gateway calls by default (a path segment; pinned, configurable). */
    public static final String DEFAULT_VERSION = "v23.0";

    /** Error code of an expired or invalid access token (HTTP 401): permanent until the token is replaced. */
    public static final int TOKEN_INVALID = 190;
    /** Pair rate limit: too many messages to one customer in a short time. Pauses only that conversation. */
    public static final int PAIR_RATE_LIMIT = 131056;
    /** Rate limits of the phone number or the app/account: 130429 throughput reached, 4 app, 80007 account. */
    public static final Set<Integer> NUMBER_RATE_LIMITS = Set.of(130429, 4, 80007);
    /** Transient errors: 131000 something went wrong, 131016 service unavailable (retried, as 5xx and timeouts). */
    public static final Set<Integer> TRANSIENT = Set.of(131000, 131016);

    private WhatsAppCloud() {}

    /** @return whether the text is a valid phone number id (digits only), so that it can only be one path segment */
    public static boolean validPhoneNumberId(String phoneNumberId) {
        return phoneNumberId != null && PHONE_NUMBER_ID.matcher(phoneNumberId).matches();
    }
}
