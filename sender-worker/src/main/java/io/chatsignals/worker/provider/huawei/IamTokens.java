package io.chatsignals.worker.provider.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.ops.LogSafe;
import io.chatsignals.providers.BaseUrls;
import io.chatsignals.providers.HuaweiCase;
import io.chatsignals.providers.HuaweiIam;
import io.chatsignals.providers.LenientJson;
import io.chatsignals.worker.provider.Credentials;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Huawei Cloud IAM tokens per account (docs/providers.md, "Token"): fetched with the password method
 * ({@code POST /v3/auth/tokens}, domain-scoped; the token is the {@code X-Subject-Token} response header), cached until
 * shortly before they expire (30 s, or a tenth of the lifetime if less), and refreshed {@code refreshAhead} (at most
 * half the lifetime) before expiry in the background while calls go on with the current one. At most one fetch per
 * account runs at a time (single flight): concurrent callers share it.
 * {@link #invalidate} drops a token Huawei refused (401 OSM.0002, "The token must be updated"), so the next call
 * fetches a new one. Thread-safe. Passwords and tokens are never logged and never appear in a message.
 */
final class IamTokens {
    private static final Logger LOG = LoggerFactory.getLogger(IamTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token is not used within this of its expiry (clock skew between us and IAM), at most a tenth of its lifetime. */
    private static final Duration SAFETY = Duration.ofSeconds(30);

    /** A token and when it expires; {@link #toString()} hides the value. */
    public record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[value=****, expiresAt=" + expiresAt + "]";
        }
    }

    /** A token could not be fetched; {@code transient} when IAM may answer later (5xx, 429, no answer). */
    public static final class FetchFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean transientFailure;

        FetchFailed(String message, boolean transientFailure) {
            super(message, null, false, false);
            this.transientFailure = transientFailure;
        }

        /** @return whether a later attempt may succeed (IAM 5xx, 429, timeout, connection error) */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private static final class Entry {
        Token token;
        Instant usableUntil;
        Instant refreshFrom;
        Future<Token> inFlight;
    }

    private final WebClient http;
    private final String tokensUrl;
    /** The IAM user of each account (IAM domain), or the default one: {@code huawei-case.iam.user[.<domain>]}. */
    public static final String USER = "huawei-case.iam.user";
    /** {@code huawei-case.iam.password[.<domain>]}. */
    public static final String PASSWORD = "huawei-case.iam.password";

    private final Credentials credentials;
    private final Duration refreshAhead;
    private final long timeoutMs;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param iamUrl       IAM endpoint, e.g. {@code https://iam.myhuaweicloud.com} (global; a regional one works too)
     * @param refreshAhead how long before expiry a token is refreshed in the background (Huawei: well before the 24 h)
     * @param timeout      timeout of a token request
     */
    public IamTokens(
            WebClient http,
            String iamUrl,
            Credentials credentials,
            Duration refreshAhead,
            Duration timeout,
            Clock clock) {
        this.http = http;
        this.tokensUrl = BaseUrls.of("huawei-case.iam.url", iamUrl) + "/v3/auth/tokens";
        this.credentials = credentials;
        this.refreshAhead = refreshAhead;
        this.timeoutMs = timeout.toMillis();
        this.clock = clock;
    }

    /**
     * @param account the Huawei account (IAM domain name)
     * @return a valid token: the cached one (a background refresh starts once it is within {@code refreshAhead} of
     *         expiry), else a fetched one; fails with {@link FetchFailed} when none can be had
     */
    public Future<Token> token(String account) {
        Entry entry = entries.computeIfAbsent(account, a -> new Entry());
        Instant now = clock.instant();
        Token current;
        boolean usable;
        boolean refresh;
        synchronized (entry) {
            current = entry.token;
            usable = current != null && now.isBefore(entry.usableUntil);
            refresh = usable && !now.isBefore(entry.refreshFrom);
        }
        if (usable) {
            if (refresh) {
                fetch(account, entry); // background: the caller goes on with the current token
            }
            return Future.succeededFuture(current);
        }
        return fetch(account, entry);
    }

    /** Drops the account's token if it is still {@code refused}, so the next {@link #token} call fetches a new one. */
    public void invalidate(String account, Token refused) {
        Entry entry = entries.get(account);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            if (entry.token != null && entry.token.value().equals(refused.value())) {
                entry.token = null;
                LOG.info("IAM token of account {} refused by Huawei; fetching a new one", LogSafe.quote(account));
            }
        }
    }

    private Future<Token> fetch(String account, Entry entry) {
        Promise<Token> promise;
        synchronized (entry) {
            if (entry.inFlight != null) {
                return entry.inFlight; // single flight
            }
            promise = Promise.promise();
            entry.inFlight = promise.future();
        }
        request(account).onComplete(ar -> {
            synchronized (entry) {
                entry.inFlight = null;
                if (ar.succeeded()) {
                    Token token = ar.result();
                    Instant now = clock.instant();
                    Duration lifetime = Duration.between(now, token.expiresAt());
                    entry.token = token;
                    entry.usableUntil = token.expiresAt().minus(min(SAFETY, lifetime.dividedBy(10)));
                    entry.refreshFrom = HuaweiIam.refreshFrom(token.expiresAt(), now, refreshAhead);
                }
            }
            if (ar.failed()) {
                LOG.warn(
                        "IAM token of account {} not fetched: {}",
                        LogSafe.quote(account),
                        ar.cause().getMessage());
            }
            promise.handle(ar);
        });
        return promise.future();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Future<Token> request(String account) {
        var login = credentials.pairForAccount(USER, PASSWORD, account);
        if (login.isEmpty()) {
            return Future.failedFuture(new FetchFailed(
                    "no Huawei IAM user/password configured for account " + LogSafe.quote(account) + " (set " + USER
                            + "[.<account>] and " + PASSWORD + "[.<account>])",
                    false));
        }
        String body =
                HuaweiCase.tokenRequest(account, login.get().name(), login.get().secret());
        return http.postAbs(tokensUrl)
                .timeout(timeoutMs)
                .putHeader("Content-Type", "application/json;charset=utf8")
                .sendBuffer(Buffer.buffer(body))
                .recover(e -> Future.failedFuture(new FetchFailed(
                        "IAM did not answer within " + timeoutMs + " ms: "
                                + e.getClass().getSimpleName(),
                        true)))
                .compose(this::tokenOf);
    }

    private Future<Token> tokenOf(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String value = response.getHeader("X-Subject-Token");
        if (status == 201 && value != null && !value.isBlank()) {
            return Future.succeededFuture(
                    new Token(value, HuaweiIam.expiresAt(response.bodyAsString(), clock.instant())));
        }
        boolean transientFailure = status == 429 || status >= 500;
        return Future.failedFuture(new FetchFailed(
                "IAM answered HTTP " + status + ": " + errorOf(response.bodyAsString()), transientFailure));
    }

    /** @return IAM's error code and message ({@code {"error":{"code","message"}}} or {@code error_code/error_msg}), escaped */
    private static String errorOf(String body) {
        JsonNode root = LenientJson.parse(body);
        JsonNode error = root.path("error");
        String code = error.path("code").asText(root.path("error_code").asText(""));
        String message = error.path("message").asText(root.path("error_msg").asText(""));
        String described = (code + " " + message).trim();
        return described.isEmpty() ? "(no JSON error body)" : LogSafe.escape(described);
    }
}
