package io.chatsignals.devstack.simulator;

import io.chatsignals.providers.HuaweiCase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Huawei side the simulator plays (docs/providers.md, "Huawei Cloud service tickets"): IAM users and the tokens issued
 * to them (with an expiry a test can shorten, and revocation on demand), the cases of each account with their
 * instant-message threads (a global, increasing {@code last_message_time_id} cursor), and the mark-read calls each
 * case received. Thread-safe (every method synchronized: the simulator's and a test's threads).
 */
public final class HuaweiCases {
    /** A message of a case thread, as the polling API returns it; {@code cursor} orders every message of the simulator. */
    public record Message(
            String caseId, long cursor, int replierType, String replier, String content, String createTime) {}

    /** A token issued by IAM; revoked ones answer "The token must be updated". */
    record Token(String domain, Instant expiresAt, boolean revoked) {}

    private static final DateTimeFormatter CREATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of(HuaweiCase.DEFAULT_TIME_ZONE));
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Map<String, String>> users;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> caseDomain = new LinkedHashMap<>();
    /** case → its status (HuaweiCase.OPEN_STATUSES: 1 processing when opened; 3 completed when closed). */
    private final Map<String, Integer> caseStatus = new LinkedHashMap<>();

    private final List<Message> messages = new ArrayList<>();
    private final Set<String> refusedPolls = new HashSet<>();
    private final Map<String, Integer> readMarks = new LinkedHashMap<>();
    private Duration tokenTtl;
    private long cursor;
    private long tokensIssued;

    HuaweiCases(SimulatorConfig.Huawei config, Clock clock) {
        this.clock = clock;
        this.users = new LinkedHashMap<>(config.users);
        this.tokenTtl = Duration.ofSeconds(config.tokenTtlSeconds);
        config.cases.forEach((domain, ids) -> ids.forEach(id -> openCase(domain, id)));
        this.cursor = clock.millis() * 1000;
    }

    /** Opens a case of the account (IAM domain); the polling and mark-read APIs know it from now on. */
    public synchronized void openCase(String domain, String caseId) {
        caseDomain.put(caseId, domain);
        caseStatus.put(caseId, 1);
    }

    /**
     * Completes a case (status 3): it leaves the list of open cases, and from now on a poll naming it, or a mark-read
     * of it, is refused with HTTP 200 and {@code OSM.01010003}, as Huawei answers business errors (the provider page:
     * "some business errors come with HTTP 200 and an {@code OSM.0101…} code"; which code a closed case gets is
     * unverified). {@link #openCase} opens it again.
     */
    public synchronized void closeCase(String caseId) {
        caseStatus.computeIfPresent(caseId, (id, status) -> 3);
    }

    /**
     * A fault of the case (deleted, archived, moved to another account — what the API then answers is unverified): from
     * now on, or until {@link #answerPolls}, a poll naming it is refused as a whole with HTTP 200 and
     * {@code OSM.01010003} (the provider page: some business errors come as HTTP 200 with an {@code OSM.0101…} code).
     */
    public synchronized void refusePolls(String caseId) {
        refusedPolls.add(caseId);
    }

    /** Ends {@link #refusePolls} for the case: polls naming it are answered again. */
    public synchronized void answerPolls(String caseId) {
        refusedPolls.remove(caseId);
    }

    /** @return whether a poll naming any of these cases is refused ({@link #refusePolls}, {@link #closeCase}) */
    synchronized boolean refusesPoll(List<String> caseIds) {
        return caseIds.stream().anyMatch(id -> refusedPolls.contains(id) || isClosed(id));
    }

    /** @return whether the case was opened and is completed now ({@link #closeCase}) */
    synchronized boolean isClosed(String caseId) {
        return Integer.valueOf(3).equals(caseStatus.get(caseId));
    }

    /** @return the account's cases in this status, in the order they were opened */
    synchronized List<String> casesOf(String domain, int status) {
        return caseDomain.entrySet().stream()
                .filter(e -> e.getValue().equals(domain) && caseStatus.get(e.getKey()) == status)
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Adds a message to a case's thread, created now.
     *
     * @param replierType 0 the customer, 1–3 Huawei's side (the simulator's reading of replier_type)
     * @return the message as the polling API will return it
     * @throws IllegalArgumentException for a case not opened
     */
    public synchronized Message addMessage(String caseId, int replierType, String replier, String content) {
        return addMessage(caseId, replierType, replier, content, Duration.ZERO);
    }

    /**
     * Adds a message that appears late: created {@code age} ago, but after the cursor of every poll so far (it is
     * returned by the next poll, older than messages already returned).
     *
     * @throws IllegalArgumentException for a case not opened
     */
    public synchronized Message addMessage(
            String caseId, int replierType, String replier, String content, Duration age) {
        if (!caseDomain.containsKey(caseId)) {
            throw new IllegalArgumentException("no case " + caseId);
        }
        cursor = Math.max(cursor + 1, clock.millis() * 1000);
        Message m = new Message(
                caseId,
                cursor,
                replierType,
                replier,
                content,
                CREATE_TIME.format(clock.instant().minus(age)));
        messages.add(m);
        return m;
    }

    /** @return the messages of these cases after the cursor (all when null), oldest first */
    synchronized List<Message> messagesAfter(List<String> caseIds, Long after) {
        return messages.stream()
                .filter(m -> caseIds.contains(m.caseId()) && (after == null || m.cursor() > after))
                .toList();
    }

    /** @return the account (IAM domain) of a case, empty when no such case */
    synchronized Optional<String> domainOf(String caseId) {
        return Optional.ofNullable(caseDomain.get(caseId));
    }

    synchronized void markRead(String caseId) {
        readMarks.merge(caseId, 1, Integer::sum);
    }

    /** @return how many mark-read calls the case received */
    public synchronized int readMarks(String caseId) {
        return readMarks.getOrDefault(caseId, 0);
    }

    /** @return whether the user of the domain has this password */
    synchronized boolean authenticates(String domain, String user, String password) {
        return password != null
                && password.equals(users.getOrDefault(domain, Map.of()).get(user));
    }

    /** Issues a token valid for the configured time; @return its value (the X-Subject-Token) */
    synchronized String issue(String domain) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = "MII" + HexFormat.of().formatHex(bytes);
        tokens.put(value, new Token(domain, clock.instant().plus(tokenTtl), false));
        tokensIssued++;
        return value;
    }

    synchronized Optional<Token> token(String value) {
        return Optional.ofNullable(value == null ? null : tokens.get(value));
    }

    /** Tokens issued from now on expire after {@code ttl} (IAM: 24 h). */
    public synchronized void setTokenTtl(Duration ttl) {
        this.tokenTtl = ttl;
    }

    /** Revokes every token of the account (as a password change does): calls with them answer "The token must be updated". */
    public synchronized void revokeTokens(String domain) {
        tokens.replaceAll((value, t) -> t.domain().equals(domain) ? new Token(t.domain(), t.expiresAt(), true) : t);
    }

    /** @return how many tokens IAM issued so far */
    public synchronized long tokensIssued() {
        return tokensIssued;
    }

    /** @return the cases and their accounts */
    public synchronized Map<String, String> cases() {
        return Map.copyOf(caseDomain);
    }
}
