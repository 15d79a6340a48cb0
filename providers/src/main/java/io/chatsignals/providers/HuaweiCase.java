package io.chatsignals.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Huawei Cloud service-ticket (case) instant-message facts every module relies on (docs/providers.md,
 * "Huawei Cloud service tickets", and Huawei "Marking a Message as Read").
 */
public final class HuaweiCase {
    /**
     * A case id is 1–64 characters (Huawei "Marking a Message as Read", URI parameters). Its character set is not documented;
     * case ids seen are letters, digits, {@code -}, {@code _} and {@code .} (e.g. {@code TT201801020526}, {@code case-123}):
     * only those pass, so that a case id is always one path segment.
     */
    public static final Pattern CASE_ID = Pattern.compile("^[A-Za-z0-9._\\-]{1,64}$");
    /** The channel of Huawei case conversations (a case's instant-message thread). */
    public static final String CHANNEL = "case";
    /** group_id: 0–64 characters (Huawei "Marking a Message as Read", request body). */
    public static final int GROUP_ID_MAX = 64;
    /** Up to 100 case ids per polling call (docs/providers.md, "Inbound has no webhook"). */
    public static final int CASES_PER_POLL = 100;
    /**
     * Case statuses of an open case, as {@code GET /v2/servicerequest/cases?status=…} takes them (Huawei's Service Tickets
     * API v2, "Querying the Service Ticket List"; not in docs/providers.md): 0 to be processed, 1 processing, 2 to be
     * confirmed, 17 pending feedback. Closed are 3 completed, 4 canceled, 12 invalid.
     */
    public static final List<Integer> OPEN_STATUSES = List.of(0, 1, 2, 17);
    /** Page size of the case list (offset/limit paging; 100 at the most, unverified). */
    public static final int CASES_PER_PAGE = 100;
    /** No rate limit is documented (docs/providers.md, unverified): the default token bucket per account, requests/s. */
    public static final double DEFAULT_PER_SECOND = 5.0;
    /** IAM tokens are valid 24 h (docs/providers.md, "Token"). */
    public static final Duration TOKEN_VALIDITY = Duration.ofHours(24);
    /** The time zone Huawei assumes when no {@code X-Time-Zone} header is sent (Huawei "Marking a Message as Read"). */
    public static final String DEFAULT_TIME_ZONE = "GMT+8";
    /**
     * The replier types written by Huawei's side, the messages worth marking read. The meaning of replier_type 0–3 is
     * not documented (unverified): 0 is taken as the customer (the case's submitter), 1–3 as Huawei's engineers and
     * systems. The connector's {@code replier.types} setting overrides it.
     */
    public static final Set<Integer> HUAWEI_SIDE_REPLIER_TYPES = Set.of(1, 2, 3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private HuaweiCase() {}

    /** @return whether the text is a valid case id, and so exactly one path segment (never {@code .} or {@code ..}) */
    public static boolean validCaseId(String caseId) {
        return caseId != null && CASE_ID.matcher(caseId).matches() && !caseId.equals(".") && !caseId.equals("..");
    }

    /**
     * The stable id of a case message, which has none of its own (docs/providers.md: identify one by case, create_time and
     * replier); the content's hash tells apart two messages of one replier within one create_time.
     *
     * @return {@code hw1-} and 32 hex digits of SHA-256 over the four values (null read as empty)
     */
    public static String messageId(String caseId, String createTime, String replier, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {caseId, createTime, replier, content}) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return "hw1-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The body of an IAM token request, password method, scoped to the user's domain (docs/providers.md, "Token"):
     * {@code {"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":D},"name":U,"password":P}}},
     * "scope":{"domain":{"name":D}}}}}. It holds the password: never log it.
     *
     * @param domain the account (IAM domain name)
     */
    public static String tokenRequest(String domain, String user, String password) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode login = identity.putObject("password").putObject("user");
        login.putObject("domain").put("name", domain);
        login.put("name", user).put("password", password);
        auth.putObject("scope").putObject("domain").put("name", domain);
        return body.toString();
    }

    /**
     * Reads a message's {@code create_time}, whose format the API does not document: epoch milliseconds (13 digits) or
     * seconds (10 digits), ISO-8601 with an offset, or {@code yyyy-MM-dd HH:mm:ss[.SSS]} in the zone of the request's
     * {@code X-Time-Zone}.
     *
     * @param zone the zone local times are in (Huawei's default {@link #DEFAULT_TIME_ZONE})
     * @throws IllegalArgumentException for text in none of these forms
     */
    public static Instant parseCreateTime(String createTime, ZoneId zone) {
        if (createTime == null || createTime.isBlank()) {
            throw new IllegalArgumentException("create_time is missing");
        }
        String t = createTime.trim();
        try {
            if (t.chars().allMatch(Character::isDigit)) {
                long value = Long.parseLong(t);
                return t.length() <= 10 ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
            }
            if (t.contains("T")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "create_time '" + t + "' is neither epoch ms/s, ISO-8601 nor yyyy-MM-dd HH:mm:ss");
        }
    }
}
