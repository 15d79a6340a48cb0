package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.WhatsAppCloud;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Meta's WhatsApp Cloud API messages endpoint for read receipts and typing indicators (Meta "Mark messages as read",
 * "Typing indicators", "WhatsApp error codes"; docs/providers.md): {@code POST /{version}/{phone_number_id}/messages}
 * with {@code Authorization: Bearer <token>}, and 360dialog's variant {@code POST /messages} with
 * {@code D360-API-KEY: <key>} (the key selects the number). Body {@code {messaging_product: whatsapp, status: read,
 * message_id}} plus {@code typing_indicator: {type: text}} for typing; success {@code {"success":true}}. Errors use
 * the Graph envelope {@code {error: {message, type, code, error_subcode?, error_data?, fbtrace_id}}}: 190 (401) for a
 * missing or unknown token, 200 (403) for a number the token may not use, 100 for a malformed body, 131009 for an
 * unknown wamid, 130429 (HTTP 429) over the number's throughput, 131056 (HTTP 400) over the pair limit of one customer.
 */
final class WhatsAppCloudApi implements SimulatedApi {
    static final String PROVIDER = "whatsapp-cloud";
    static final String MESSAGES = "whatsapp-cloud.messages";
    static final String MESSAGES_360 = "whatsapp-cloud.360dialog";
    private static final Pattern VERSION = Pattern.compile("^v\\d+\\.\\d+$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorConfig.WhatsAppCloud config;
    private final boolean lenient;
    private final KnownMessages known;
    private final RateLimits limits;
    private final AtomicLong traces = new AtomicLong();

    WhatsAppCloudApi(SimulatorConfig.WhatsAppCloud config, boolean lenient, KnownMessages known, RateLimits limits) {
        this.config = config;
        this.lenient = lenient;
        this.known = known;
        this.limits = limits;
    }

    /** Meta's form: the number in the path, the token as a Bearer. */
    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public void mount(Router router, RequestServer requests) {
        router.post("/:version/:phoneNumberId/messages")
                .handler(ctx -> requests.serve(ctx, MESSAGES, this, this::messages));
        router.post("/messages").handler(ctx -> requests.serve(ctx, MESSAGES_360, this, this::messages360));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        return envelope(500, 131000, "Something went wrong", "fault", account, "", "fault-5xx");
    }

    Reply messages(RoutingContext ctx, Instant now) {
        String account = ctx.pathParam("phoneNumberId");
        String version = ctx.pathParam("version");
        if (!VERSION.matcher(version).matches() || !WhatsAppCloud.validPhoneNumberId(account)) {
            return error(400, 100, "Unsupported post request: unknown path components", account, "", "invalid-path");
        }
        String auth = ctx.request().getHeader("Authorization");
        String token =
                auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        List<String> numbers = token == null ? null : config.tokens.get(token);
        if (numbers == null) {
            return error(401, 190, "Invalid OAuth access token - Cannot parse access token", account, "", "bad-token");
        }
        if (!numbers.contains("*") && !numbers.contains(account)) {
            return error(403, 200, "Permissions error", account, "", "number-not-allowed");
        }
        return handle(ctx, account, MESSAGES, now);
    }

    /** 360dialog's form: no number in the path; the API key selects it. */
    Reply messages360(RoutingContext ctx, Instant now) {
        String key = ctx.request().getHeader("D360-API-KEY");
        String account = key == null ? null : config.apiKeys360.get(key.trim());
        if (account == null) {
            return error(401, 190, "Invalid API key", "", "", "bad-token");
        }
        return handle(ctx, account, MESSAGES_360, now);
    }

    private Reply handle(RoutingContext ctx, String account, String endpoint, Instant now) {
        String type = ctx.request().getHeader("Content-Type");
        JsonNode body = SimulatedApi.json(ctx);
        String wamid = body == null ? "" : body.path("message_id").asText("");
        if (type == null || !type.toLowerCase().startsWith("application/json") || body == null || !body.isObject()) {
            return error(400, 100, "Invalid parameter: the body must be a JSON object", account, wamid, "invalid-body");
        }
        if (!"whatsapp".equals(body.path("messaging_product").asText())
                || !"read".equals(body.path("status").asText())
                || wamid.isEmpty()) {
            return error(
                    400,
                    100,
                    "Invalid parameter: messaging_product must be whatsapp, status read, and message_id is required",
                    account,
                    wamid,
                    "invalid-body");
        }
        JsonNode typing = body.path("typing_indicator");
        if (!typing.isMissingNode() && !"text".equals(typing.path("type").asText())) {
            return error(
                    400, 100, "Invalid parameter: typing_indicator.type must be text", account, wamid, "invalid-body");
        }
        OptionalLong wait = limits.tryAcquire(PROVIDER, account, config.perSecond);
        if (wait.isPresent()) {
            return error(
                            429,
                            130429,
                            "Rate limit hit: Cloud API message throughput has been reached",
                            account,
                            wamid,
                            "rate-limited")
                    .withHeader("Retry-After", Long.toString(wait.getAsLong()));
        }
        Optional<KnownMessages.Message> message =
                known.find(PROVIDER, wamid).filter(m -> m.account().equals(account));
        if (message.isEmpty() && !lenient) {
            return error(400, 131009, "Parameter value is not valid", account, wamid, "unknown-message");
        }
        if (message.isPresent() && config.pairPerSecond > 0) {
            OptionalLong pairWait = limits.tryAcquire(
                    PROVIDER + ".pair", account + "|" + message.get().customer(), config.pairPerSecond);
            if (pairWait.isPresent()) {
                return error(
                        400,
                        131056,
                        "(Business Account, Consumer Account) pair rate limit hit",
                        account,
                        wamid,
                        "pair-rate-limited");
            }
        }
        return Reply.ok(200, "{\"success\":true}", account, wamid);
    }

    /** An error answer in the Graph envelope, with a fresh {@code fbtrace_id}. */
    Reply error(int status, int code, String message, String account, String wamid, String reason) {
        return envelope(
                status, code, message, "A" + Long.toString(traces.incrementAndGet(), 36), account, wamid, reason);
    }

    static Reply envelope(
            int status, int code, String message, String traceId, String account, String wamid, String reason) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", "OAuthException");
        error.put("code", code);
        error.putObject("error_data").put("messaging_product", "whatsapp").put("details", message);
        error.put("fbtrace_id", traceId);
        return new Reply(status, body.toString(), Map.of(), account, wamid, false, reason, code);
    }
}
