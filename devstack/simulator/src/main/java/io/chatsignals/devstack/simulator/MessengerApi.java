package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's Send API for sender actions, Messenger and Instagram (Meta "Sender actions"; docs/providers/messenger.md),
 * mounted under {@code /messenger} so that it can share one simulator with the Cloud API's same-shaped path:
 * {@code POST /messenger/{version}/{account}/messages} with the token as {@code Authorization: Bearer} or the
 * {@code access_token} query parameter, and {@code appsecret_proof} when the configuration sets an app secret. The body
 * must be exactly {@code {recipient: {id}, sender_action: mark_seen | typing_on | typing_off}}; success
 * {@code {"recipient_id": …}}. Errors in the Graph envelope: 190 (401) for a missing or unknown token, 100 for a bad
 * proof, a malformed body or a body that mixes a message with a state, 100/2018001 for a recipient who never wrote to
 * the account, 10/2018278 outside the messaging window, 613 over the account's rate (HTTP 400, as Graph answers it).
 */
final class MessengerApi implements SimulatedApi {
    static final String PROVIDER = "messenger";
    static final String ACTIONS = "messenger.sender-actions";
    private static final Set<String> ACTIONS_KNOWN = Set.of("mark_seen", "typing_on", "typing_off");

    private final SimulatorConfig.Messenger config;
    private final boolean lenient;
    private final KnownMessages known;
    private final RateLimits limits;
    private final AtomicLong traces = new AtomicLong();

    MessengerApi(SimulatorConfig.Messenger config, boolean lenient, KnownMessages known, RateLimits limits) {
        this.config = config;
        this.lenient = lenient;
        this.known = known;
        this.limits = limits;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public void mount(Router router, RequestServer requests) {
        router.post("/messenger/:version/:account/messages")
                .handler(ctx -> requests.serve(ctx, ACTIONS, this, this::senderAction));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        return error(
                500,
                2,
                null,
                "An unexpected error has occurred. Please retry your request later.",
                account,
                "fault-5xx");
    }

    Reply senderAction(RoutingContext ctx, Instant now) {
        String account = ctx.pathParam("account");
        if (!ctx.pathParam("version").matches("^v\\d+\\.\\d+$")
                || ProviderSpecs.of(Provider.MESSENGER).accountProblem(account).isPresent()) {
            return error(400, 100, null, "Unsupported post request: unknown path components", account, "invalid-path");
        }
        String token = token(ctx);
        List<String> accounts = token == null ? null : config.tokens.get(token);
        if (accounts == null) {
            return error(
                    401, 190, null, "Invalid OAuth access token - Cannot parse access token", account, "bad-token");
        }
        if (!accounts.contains("*") && !accounts.contains(account)) {
            return error(403, 200, null, "Permissions error", account, "account-not-allowed");
        }
        if (config.appSecret != null && !validProof(ctx.request().getParam("appsecret_proof"), token)) {
            return error(400, 100, null, "Invalid appsecret_proof provided in the API argument", account, "bad-proof");
        }
        JsonNode body = SimulatedApi.json(ctx);
        String recipient = body == null ? "" : body.path("recipient").path("id").asText("");
        String action = body == null ? "" : body.path("sender_action").asText("");
        if (body == null || recipient.isEmpty() || !ACTIONS_KNOWN.contains(action)) {
            return error(
                    400,
                    100,
                    null,
                    "(#100) recipient.id and a sender_action (mark_seen, typing_on, typing_off) are required",
                    account,
                    "invalid-body");
        }
        if (!onlyRecipientAndAction(body)) {
            return error(
                    400,
                    100,
                    null,
                    "(#100) Cannot send both message and state at the same time",
                    account,
                    "invalid-body");
        }
        if (limits.tryAcquire(PROVIDER, account, config.perSecond).isPresent()) {
            return error(400, 613, null, "Calls to this api have exceeded the rate limit.", account, "rate-limited");
        }
        Optional<KnownMessages.Message> newest = known.newest(PROVIDER, account, recipient);
        if (newest.isEmpty() && !lenient) {
            return error(400, 100, 2018001, "No matching user found", account, "unknown-recipient");
        }
        if (newest.isPresent()
                && Duration.between(newest.get().receivedAt(), now).getSeconds() > config.windowSeconds) {
            return error(
                    400, 10, 2018278, "This message is sent outside of allowed window.", account, "outside-window");
        }
        String mid = newest.map(KnownMessages.Message::messageId).orElse("");
        return Reply.ok(200, "{\"recipient_id\":\"" + recipient + "\"}", account, mid);
    }

    private static String token(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            return auth.substring(7).trim();
        }
        return ctx.request().getParam("access_token");
    }

    private boolean validProof(String given, String token) {
        if (given == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of()
                    .formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean onlyRecipientAndAction(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("recipient") && !name.equals("sender_action")) {
                return false;
            }
        }
        return true;
    }

    /** An error in the Graph envelope, with a fresh {@code fbtrace_id}. */
    private Reply error(int status, int code, Integer subcode, String message, String account, String reason) {
        ObjectNode body = BODIES.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message).put("type", "OAuthException").put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "M" + Long.toString(traces.incrementAndGet(), 36));
        return new Reply(status, body.toString(), Map.of(), account, "", false, reason, code);
    }
}
