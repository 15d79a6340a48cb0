package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.NxCloudSignature;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * NXCloud WhatsApp endpoints: POST {@code /api/wa/markMessageAsRead} (NXCloud markMessageAsRead page, docs/providers.md)
 * and POST {@code /api/wa/typingIndicator} (docs/providers.md). Headers accessKey/ts/bizType/action/sign, MD5 signature
 * ({@link NxCloudSignature}), {@code ts} within 60 s; every answer is HTTP 200 with {@code {code, data, message}}, the
 * code decides. Over a configured limit (NXCloud documents none; unverified) the simulator answers HTTP 429 with
 * code -1 and Retry-After.
 */
final class NxCloudApi implements SimulatedApi {
    static final String PROVIDER = "nxcloud";
    static final String READ = "nxcloud.read";
    static final String TYPING = "nxcloud.typing";
    private static final List<String> SIGNED_HEADERS = List.of("accessKey", "ts", "bizType", "action", "sign");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorConfig.NxCloud config;
    private final boolean lenient;
    private final KnownMessages known;
    private final RateLimits limits;

    NxCloudApi(SimulatorConfig.NxCloud config, boolean lenient, KnownMessages known, RateLimits limits) {
        this.config = config;
        this.lenient = lenient;
        this.known = known;
        this.limits = limits;
    }

    /** markMessageAsRead: body {business_phone, messaging_product: whatsapp, message_id, status: read}. */
    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public void mount(Router router, RequestServer requests) {
        router.post("/api/wa/markMessageAsRead").handler(ctx -> requests.serve(ctx, READ, this, this::read));
        router.post("/api/wa/typingIndicator").handler(ctx -> requests.serve(ctx, TYPING, this, this::typing));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        Reply base = answer(9001, "System business error", account, "", "fault-5xx");
        return new Reply(500, base.body(), base.headers(), account, "", false, "fault-5xx", base.code());
    }

    Reply read(RoutingContext ctx, Instant now) {
        return handle(
                ctx,
                now,
                READ,
                config.readPerSecond,
                List.of("business_phone", "messaging_product", "message_id", "status"));
    }

    /** typingIndicator: the read body plus appkey and typing_indicator {type: text}; also marks the message read. */
    Reply typing(RoutingContext ctx, Instant now) {
        return handle(
                ctx,
                now,
                TYPING,
                config.typingPerSecond,
                List.of("appkey", "messaging_product", "business_phone", "status", "message_id", "typing_indicator"));
    }

    private Reply handle(RoutingContext ctx, Instant now, String endpoint, double perSecond, List<String> required) {
        HttpServerRequest request = ctx.request();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : SIGNED_HEADERS) {
            String value = request.getHeader(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            } else {
                headers.put(name, value);
            }
        }
        byte[] body = ctx.body() == null || ctx.body().buffer() == null
                ? new byte[0]
                : ctx.body().buffer().getBytes();
        JsonNode json = parse(body);
        String account = json == null ? "" : json.path("business_phone").asText("");
        String messageId = json == null ? "" : json.path("message_id").asText("");
        if (!missing.isEmpty()) {
            return answer(
                    1001, "Missing parameters: " + String.join(", ", missing), account, messageId, "missing-headers");
        }
        SimulatorConfig.Credential credential = config.credentials.get(headers.get("accessKey"));
        if (credential == null) {
            return answer(1002, "Parameter error: unknown accessKey", account, messageId, "unknown-access-key");
        }
        long ts;
        try {
            ts = Long.parseLong(headers.get("ts"));
        } catch (NumberFormatException e) {
            return answer(
                    1002, "Parameter error: ts must be milliseconds since the epoch", account, messageId, "invalid-ts");
        }
        if (Math.abs(now.toEpochMilli() - ts) > config.tsWindowSeconds * 1000) {
            return answer(1004, "Timestamp expired", account, messageId, "stale-ts");
        }
        if (!NxCloudSignature.sign(headers, body, credential.secret).equalsIgnoreCase(headers.get("sign"))) {
            return answer(1003, "Invalid signature", account, messageId, "bad-signature");
        }
        if (!"2".equals(headers.get("bizType")) || !"read".equals(headers.get("action"))) {
            return answer(
                    1002,
                    "Parameter error: bizType must be 2 and action must be read",
                    account,
                    messageId,
                    "invalid-headers");
        }
        if (json == null || !json.isObject()) {
            return answer(9000, "Parameter exception: body must be a JSON object", account, messageId, "invalid-body");
        }
        for (String field : required) {
            if (json.path(field).isMissingNode()
                    || json.path(field).isNull()
                    || json.path(field).asText().isEmpty() && !json.path(field).isObject()) {
                return answer(
                        9000,
                        "Parameter exception: " + field + " is required",
                        account,
                        messageId,
                        "missing-parameters");
            }
        }
        if (!"whatsapp".equals(json.path("messaging_product").asText())
                || !"read".equals(json.path("status").asText())) {
            return answer(
                    9000,
                    "Parameter exception: messaging_product must be whatsapp and status must be read",
                    account,
                    messageId,
                    "invalid-body");
        }
        if (!credential.businessPhones.contains("*") && !credential.businessPhones.contains(account)) {
            return answer(9002, "Merchant phone number error", account, messageId, "unknown-business-phone");
        }
        if (endpoint.equals(TYPING)) {
            if (!"text".equals(json.path("typing_indicator").path("type").asText())) {
                return answer(
                        9000,
                        "Parameter exception: typing_indicator.type must be text",
                        account,
                        messageId,
                        "invalid-body");
            }
            if (!credential.appKeys.isEmpty()) {
                String bound = credential.appKeys.get(account);
                if (bound == null) {
                    return answer(
                            9006,
                            "The WhatsApp number is not bound to any application",
                            account,
                            messageId,
                            "no-application");
                }
                if (!bound.equals(json.path("appkey").asText())) {
                    return answer(
                            1002,
                            "Parameter error: appkey is not the application of this number",
                            account,
                            messageId,
                            "wrong-appkey");
                }
            }
        }
        OptionalLong wait = limits.tryAcquire(endpoint, account, perSecond);
        if (wait.isPresent()) {
            Reply limited = answer(
                    -1,
                    "Too many requests, try again in " + wait.getAsLong() + " second(s)",
                    account,
                    messageId,
                    "rate-limited");
            return new Reply(
                    429,
                    limited.body(),
                    Map.of("Retry-After", Long.toString(wait.getAsLong())),
                    account,
                    messageId,
                    false,
                    "rate-limited",
                    -1);
        }
        Optional<KnownMessages.Message> message =
                known.find(PROVIDER, messageId).filter(m -> m.account().equals(account));
        if (message.isEmpty() && !lenient) {
            return answer(
                    9000,
                    "Parameter exception: unknown message_id for this business_phone",
                    account,
                    messageId,
                    "unknown-message");
        }
        return success(account, messageId);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static Reply success(String account, String messageId) {
        return Reply.ok(200, envelope(0, "Request succeeded").toString(), account, messageId);
    }

    static Reply answer(int code, String message, String account, String messageId, String reason) {
        return new Reply(200, envelope(code, message).toString(), Map.of(), account, messageId, false, reason, code);
    }

    private static ObjectNode envelope(int code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.putNull("data");
        body.put("message", message);
        return body;
    }
}
