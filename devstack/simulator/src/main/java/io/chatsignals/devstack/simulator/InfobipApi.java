package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Infobip's WhatsApp API for read receipts and typing (docs/providers/infobip.md): {@code POST
 * /whatsapp/1/senders/{sender}/message/{messageId}/read} without a body, answered 204 (Infobip "Mark WhatsApp message as
 * read"), and {@code POST /whatsapp/1/events} with {@code {events: [{sender, destinations: [{to}], content: {type:
 * TYPING_INDICATOR}}]}} (Infobip Java SDK 6.4.0), both with {@code Authorization: App <API key>}. Errors in Infobip's
 * current shape {@code {errorCode, description, action, violations, resources}}: E401 for a missing or unknown key, E403
 * for a sender the key may not use, E400 for a malformed sender or body, E404 for a message the sender never received,
 * E429 over the account's 10 requests/s (no Retry-After: Infobip documents none).
 */
final class InfobipApi implements SimulatedApi {
    static final String PROVIDER = "infobip";
    static final String READ = "infobip.read";
    static final String TYPING = "infobip.typing";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorConfig.Infobip config;
    private final boolean lenient;
    private final KnownMessages known;
    private final RateLimits limits;

    InfobipApi(SimulatorConfig.Infobip config, boolean lenient, KnownMessages known, RateLimits limits) {
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
        router.post("/whatsapp/1/senders/:sender/message/:messageId/read")
                .handler(ctx -> requests.serve(ctx, READ, this, this::read));
        router.post("/whatsapp/1/events").handler(ctx -> requests.serve(ctx, TYPING, this, this::typing));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        return error(500, "E500", "Internal server error", account, "", "fault-5xx");
    }

    Reply read(RoutingContext ctx, Instant now) {
        String sender = ctx.pathParam("sender");
        String messageId = ctx.pathParam("messageId");
        Optional<Reply> refused = authorize(ctx, sender, messageId);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<KnownMessages.Message> message =
                known.find(PROVIDER, messageId).filter(m -> m.account().equals(sender));
        if (message.isEmpty() && !lenient) {
            return error(404, "E404", "Message not found", sender, messageId, "unknown-message");
        }
        return Reply.ok(204, "", sender, messageId);
    }

    Reply typing(RoutingContext ctx, Instant now) {
        JsonNode body = SimulatedApi.json(ctx);
        JsonNode event = body == null ? null : body.path("events").path(0);
        String sender = event == null ? "" : event.path("sender").asText("");
        String type = ctx.request().getHeader("Content-Type");
        if (type == null
                || !type.toLowerCase().startsWith("application/json")
                || event == null
                || event.isMissingNode()
                || event.path("destinations").path(0).path("to").asText("").isEmpty()
                || !"TYPING_INDICATOR".equals(event.path("content").path("type").asText())) {
            return error(
                    400,
                    "E400",
                    "events[0] needs sender, destinations[0].to and content.type TYPING_INDICATOR",
                    sender,
                    "",
                    "invalid-body");
        }
        Optional<Reply> refused = authorize(ctx, sender, "");
        return refused.orElseGet(() -> Reply.ok(200, "{\"events\":[{\"status\":\"PENDING\"}]}", sender, ""));
    }

    /** The key, the sender's shape and the key's senders, then the account's rate limit. */
    private Optional<Reply> authorize(RoutingContext ctx, String sender, String messageId) {
        String auth = ctx.request().getHeader("Authorization");
        String key = auth != null && auth.startsWith("App ") ? auth.substring(4).trim() : null;
        List<String> senders = key == null ? null : config.apiKeys.get(key);
        if (senders == null) {
            return Optional.of(error(401, "E401", "Unauthorized", sender, messageId, "bad-token"));
        }
        if (ProviderSpecs.of(Provider.INFOBIP).accountProblem(sender).isPresent()) {
            return Optional.of(error(400, "E400", "Invalid sender", sender, messageId, "invalid-path"));
        }
        if (!senders.contains("*") && !senders.contains(sender)) {
            return Optional.of(error(403, "E403", "Forbidden", sender, messageId, "sender-not-allowed"));
        }
        OptionalLong wait = limits.tryAcquire(PROVIDER, sender, config.perSecond);
        if (wait.isPresent()) {
            return Optional.of(error(429, "E429", "Too many requests", sender, messageId, "rate-limited"));
        }
        return Optional.empty();
    }

    static Reply error(int status, String code, String description, String account, String messageId, String reason) {
        ObjectNode body = JSON.createObjectNode().put("errorCode", code).put("description", description);
        body.putArray("violations");
        body.putArray("resources");
        return new Reply(status, body.toString(), Map.of(), account, messageId, false, reason, status);
    }
}
