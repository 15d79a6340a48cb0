package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.EightByEight;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * 8x8 Chat Apps endpoints as documented in docs/providers.md: 8x8 "Mark message as read" (POST
 * {@code /api/v1/subaccounts/{subAccountId}/messages/{umid}/read}), 8x8 "Send typing indicator" (POST
 * {@code /api/v1/subaccounts/{subAccountId}/events}) and 8x8 "Retrieve message details" (GET
 * {@code /api/v1/subaccounts/{subAccountId}/messages/{umid}}, 1 request/s per subaccount). Errors use the envelope
 * {@code {code, message, errorId, timestamp}}; codes from docs/providers.md.
 */
final class EightByEightApi implements SimulatedApi {
    static final String PROVIDER = "8x8";
    static final String READ = "8x8.read";
    static final String TYPING = "8x8.typing";
    static final String DETAILS = "8x8.details";
    private static final Duration READ_MAX_AGE = Duration.ofDays(30);
    private static final Set<String> TYPING_CHANNELS = Set.of("whatsapp", "rcs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorConfig.EightByEight config;
    private final boolean lenient;
    private final KnownMessages known;
    private final RateLimits limits;

    EightByEightApi(SimulatorConfig.EightByEight config, boolean lenient, KnownMessages known, RateLimits limits) {
        this.config = config;
        this.lenient = lenient;
        this.known = known;
        this.limits = limits;
    }

    /**
     * Mark read: WhatsApp only, within 30 days of receipt. 200 with an empty body on success. Like the gateways in
     * front of real APIs, a POST that declares neither {@code Content-Length} nor chunked encoding is answered 411.
     */
    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public void mount(Router router, RequestServer requests) {
        router.post("/api/v1/subaccounts/:subAccountId/messages/:umid/read")
                .handler(ctx -> requests.serve(ctx, READ, this, this::read));
        router.post("/api/v1/subaccounts/:subAccountId/events")
                .handler(ctx -> requests.serve(ctx, TYPING, this, this::typing));
        router.get("/api/v1/subaccounts/:subAccountId/messages/:umid")
                .handler(ctx -> requests.serve(ctx, DETAILS, this, this::details));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        return error(500, 2000, "Internal server error", account, "", "fault-5xx", now);
    }

    Reply read(RoutingContext ctx, Instant now) {
        String account = ctx.pathParam("subAccountId");
        String umid = ctx.pathParam("umid");
        if (ctx.request().getHeader("Content-Length") == null
                && !"chunked".equalsIgnoreCase(ctx.request().getHeader("Transfer-Encoding"))) {
            return error(
                    411, 411, "Length Required: a POST needs Content-Length", account, umid, "length-required", now);
        }
        Optional<Reply> denied = admit(ctx, account, umid, READ, config.readPerSecond, now);
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<KnownMessages.Message> message = lookup(account, umid, now);
        if (message.isEmpty()) {
            return error(404, 1300, "Message not found or expired", account, umid, "unknown-message", now);
        }
        if (!message.get().channel().equalsIgnoreCase("whatsapp")) {
            return error(
                    400,
                    1000,
                    "Mark as read is supported for WhatsApp messages only",
                    account,
                    umid,
                    "unsupported-channel",
                    now);
        }
        if (message.get().receivedAt().plus(READ_MAX_AGE).isBefore(now)) {
            return error(400, 1300, "Message not found or expired", account, umid, "expired", now);
        }
        return Reply.ok(200, "", account, umid);
    }

    /** Typing indicator: body {channel: whatsapp|rcs, eventType: typing, umid}; only within the typing window of receipt. */
    Reply typing(RoutingContext ctx, Instant now) {
        String account = ctx.pathParam("subAccountId");
        Optional<Reply> denied = admit(ctx, account, "", TYPING, config.typingPerSecond, now);
        if (denied.isPresent()) {
            return denied.get();
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body().asString());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return error(400, 1000, "Invalid parameter: body must be a JSON object", account, "", "invalid-body", now);
        }
        String channel = body.path("channel").asText("");
        String umid = body.path("umid").asText("");
        if (!TYPING_CHANNELS.contains(channel)) {
            return error(
                    400,
                    1000,
                    "Invalid parameter: channel must be one of [whatsapp, rcs]",
                    account,
                    umid,
                    "invalid-body",
                    now);
        }
        if (!"typing".equals(body.path("eventType").asText())) {
            return error(
                    400,
                    1000,
                    "Invalid parameter: eventType must be one of [typing]",
                    account,
                    umid,
                    "invalid-body",
                    now);
        }
        if (umid.isEmpty()) {
            return error(400, 1000, "Invalid parameter: umid is required", account, umid, "invalid-body", now);
        }
        if (!EightByEight.validUmid(umid)) {
            return error(400, 1000, "Invalid parameter: umid must be a UUID", account, umid, "invalid-umid", now);
        }
        Optional<KnownMessages.Message> message = lookup(account, umid, now);
        if (message.isEmpty()) {
            return error(404, 1300, "Message not found or expired", account, umid, "unknown-message", now);
        }
        if (!message.get().channel().equalsIgnoreCase(channel)) {
            return error(
                    400,
                    1000,
                    "Invalid parameter: the message was received on "
                            + message.get().channel(),
                    account,
                    umid,
                    "channel-mismatch",
                    now);
        }
        if (message.get().receivedAt().plusSeconds(config.typingWindowSeconds).isBefore(now)) {
            String window = config.typingWindowSeconds % 3600 == 0
                    ? config.typingWindowSeconds / 3600 + " hours"
                    : config.typingWindowSeconds + " seconds";
            return error(
                    400,
                    1300,
                    "Typing indicators can only be sent for inbound messages received within the last " + window,
                    account,
                    umid,
                    "outside-typing-window",
                    now);
        }
        return Reply.ok(200, "", account, umid);
    }

    /** Message details: {data: [...]} with one masked record per channel attempt (step 1..n). */
    Reply details(RoutingContext ctx, Instant now) {
        String account = ctx.pathParam("subAccountId");
        String umid = ctx.pathParam("umid");
        Optional<Reply> denied = admit(ctx, account, umid, DETAILS, config.detailsPerSecond, now);
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<KnownMessages.Message> message = lookup(account, umid, now);
        if (message.isEmpty()) {
            return error(404, 1300, "Message not found or expired", account, umid, "unknown-message", now);
        }
        return Reply.ok(200, detailsBody(message.get()).toString(), account, umid);
    }

    private Optional<Reply> admit(
            RoutingContext ctx, String account, String umid, String endpoint, double perSecond, Instant now) {
        String authorization = ctx.request().getHeader("Authorization");
        String key = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7).trim()
                : "";
        List<String> owned = config.apiKeys.get(key);
        if (owned == null) {
            return Optional.of(
                    error(401, 1200, "Request was not authenticated properly", account, umid, "unauthenticated", now));
        }
        if (!EightByEight.validSubAccountId(account)) {
            return Optional.of(error(
                    400,
                    1001,
                    "Invalid subAccountId: must match ^[A-Za-z0-9\\-._&]{3,50}$",
                    account,
                    umid,
                    "invalid-subaccount",
                    now));
        }
        if (!owned.contains("*") && !owned.contains(account)) {
            return Optional.of(error(
                    400,
                    1001,
                    "Provided subAccountId doesn't belongs to your account",
                    account,
                    umid,
                    "not-your-subaccount",
                    now));
        }
        if (!umid.isEmpty() && !EightByEight.validUmid(umid)) { // a path umid (read, details); typing checks its body
            return Optional.of(
                    error(400, 1000, "Invalid parameter: umid must be a UUID", account, umid, "invalid-umid", now));
        }
        OptionalLong wait = limits.tryAcquire(endpoint, account, perSecond);
        if (wait.isPresent()) {
            return Optional.of(error(
                            429,
                            429,
                            "Quota exceeded. Please try again in " + wait.getAsLong() + " second(s).",
                            account,
                            umid,
                            "rate-limited",
                            now)
                    .withHeader("Retry-After", Long.toString(wait.getAsLong())));
        }
        return Optional.empty();
    }

    private Optional<KnownMessages.Message> lookup(String account, String umid, Instant now) {
        Optional<KnownMessages.Message> message =
                known.find(PROVIDER, umid).filter(m -> m.account().equals(account));
        if (message.isEmpty() && lenient) {
            return Optional.of(new KnownMessages.Message(PROVIDER, umid, account, "+10000000000", "whatsapp", now, 1));
        }
        return message;
    }

    private static ObjectNode detailsBody(KnownMessages.Message m) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (int step = 1; step <= m.steps(); step++) {
            boolean last = step == m.steps();
            ObjectNode r = data.addObject();
            r.put("umid", m.messageId());
            r.put("subAccountId", m.account());
            r.put("channel", last ? capitalized(m.channel()) : "SMS");
            r.put(
                    "channelId",
                    UUID.nameUUIDFromBytes((m.account() + step).getBytes()).toString());
            r.put("direction", "inbound");
            r.put("country", "US");
            ObjectNode status = r.putObject("status");
            status.put("state", last ? "delivered" : "undelivered");
            status.put("detail", last ? "delivered_to_recipient" : "rejected_by_operator");
            status.put("timestamp", m.receivedAt().plusMillis(step * 250L).toString());
            ObjectNode user = r.putObject("user");
            user.put("msisdn", mask(m.customer()));
            user.put("channelUserId", mask(m.customer().replace("+", "")));
            r.put("contentType", "Text");
            r.put("content", "**MASKED**");
            r.put("createdAt", m.receivedAt().toString());
            r.put("clientMessageId", "client-" + m.messageId());
            r.put("batchId", UUID.nameUUIDFromBytes(m.messageId().getBytes()).toString());
            r.put("step", step);
        }
        return root;
    }

    private static String mask(String number) {
        return number.length() <= 4 ? "xxxx" : number.substring(0, number.length() - 4) + "xxxx";
    }

    private static String capitalized(String channel) {
        switch (channel.toLowerCase()) {
            case "whatsapp":
                return "WhatsApp";
            case "rcs":
                return "RCS";
            case "sms":
                return "SMS";
            default:
                return channel.isEmpty() ? channel : Character.toUpperCase(channel.charAt(0)) + channel.substring(1);
        }
    }

    static Reply error(int status, int code, String message, String account, String umid, String reason, Instant now) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        body.put("errorId", UUID.randomUUID().toString());
        body.put("timestamp", now.toString());
        return new Reply(status, body.toString(), Map.of(), account, umid, false, reason, code);
    }
}
