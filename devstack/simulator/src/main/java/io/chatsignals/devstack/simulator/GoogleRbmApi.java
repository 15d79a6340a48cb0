package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Google RCS Business Messaging for read receipts and typing (Google "phones.agentEvents.create", "Using OAuth 2.0 for
 * server to server applications"; docs/providers/google-rbm.md), and the OAuth token endpoint its service accounts use:
 * {@code POST /token} takes the JWT-bearer grant ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer},
 * {@code assertion} an RS256 JWT whose {@code iss} is a configured service account, signed with its key, with the RBM
 * scope, an audience ending in {@code /token} and at most an hour between {@code iat} and {@code exp}) and answers an
 * access token; {@code POST /v1/phones/{+E.164}/agentEvents?eventId=<UUID>&agentId=<agent>} takes {@code {eventType:
 * READ, messageId}} or {@code {eventType: IS_TYPING}} with that token. An event id seen before is ignored (answered as
 * the first time). Errors in Google's model {@code {error: {code, message, status}}}: UNAUTHENTICATED (401),
 * PERMISSION_DENIED (403) for an agent the account may not use, INVALID_ARGUMENT (400), NOT_FOUND (404) for a number
 * that never wrote to the agent (not RCS-enabled) or an unknown message, RESOURCE_EXHAUSTED (429) over the agent's
 * rate.
 */
final class GoogleRbmApi implements SimulatedApi {
    static final String PROVIDER = "google-rbm";
    static final String EVENTS = "google-rbm.agent-events";
    static final String TOKENS = "google-rbm.token";
    private static final String SCOPE = "https://www.googleapis.com/auth/rcsbusinessmessaging";

    private final SimulatorConfig.GoogleRbm config;
    private final boolean lenient;
    private final KnownMessages known;
    private final RateLimits limits;
    private final Map<String, String> accountOfToken = new ConcurrentHashMap<>();
    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private final AtomicLong issued = new AtomicLong();

    GoogleRbmApi(SimulatorConfig.GoogleRbm config, boolean lenient, KnownMessages known, RateLimits limits) {
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
        router.post("/token").handler(ctx -> requests.serve(ctx, TOKENS, this, this::token));
        router.post("/v1/phones/:phone/agentEvents").handler(ctx -> requests.serve(ctx, EVENTS, this, this::event));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        return error(500, "INTERNAL", "Internal error encountered.", account, "", "fault-5xx");
    }

    Reply token(RoutingContext ctx, Instant now) {
        String grant = ctx.request().getFormAttribute("grant_type");
        String assertion = ctx.request().getFormAttribute("assertion");
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant) || assertion == null) {
            return oauthError("unsupported_grant_type", "", "invalid-body");
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return oauthError("invalid_grant", "", "invalid-body");
        }
        JsonNode claims;
        try {
            claims = BODIES.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return oauthError("invalid_grant", "", "invalid-body");
        }
        String account = claims.path("iss").asText("");
        String publicKey = config.serviceAccounts.get(account);
        long iat = claims.path("iat").asLong(0);
        long exp = claims.path("exp").asLong(0);
        if (publicKey == null
                || !verified(publicKey, parts)
                || !claims.path("scope").asText("").contains(SCOPE)
                || !claims.path("aud").asText("").endsWith("/token")
                || exp <= iat
                || exp - iat > 3600
                || exp < now.getEpochSecond()) {
            return oauthError("invalid_grant", account, "bad-token");
        }
        String token = "ya29.local-" + issued.incrementAndGet() + "-" + UUID.randomUUID();
        accountOfToken.put(token, account);
        ObjectNode body = BODIES.createObjectNode()
                .put("access_token", token)
                .put("expires_in", 3599)
                .put("token_type", "Bearer");
        return Reply.ok(200, body.toString(), account, "");
    }

    Reply event(RoutingContext ctx, Instant now) {
        String phone = ctx.pathParam("phone");
        String agent = Optional.ofNullable(ctx.request().getParam("agentId")).orElse("");
        String auth = ctx.request().getHeader("Authorization");
        String account = auth != null && auth.startsWith("Bearer ")
                ? accountOfToken.get(auth.substring(7).trim())
                : null;
        if (account == null) {
            return error(
                    401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", agent, "", "bad-token");
        }
        if (!account.equals(config.agents.getOrDefault(agent, config.agents.get("*")))) {
            return error(
                    403, "PERMISSION_DENIED", "The caller does not have permission", agent, "", "agent-not-allowed");
        }
        String eventId = Optional.ofNullable(ctx.request().getParam("eventId")).orElse("");
        JsonNode body = SimulatedApi.json(ctx);
        String type = body == null ? "" : body.path("eventType").asText("");
        String messageId = body == null ? "" : body.path("messageId").asText("");
        if (!uuid(eventId)
                || !phone.matches("^\\+[1-9][0-9]{6,14}$")
                || !(type.equals("READ") && !messageId.isEmpty() || type.equals("IS_TYPING"))
                || body.has("name")
                || body.has("sendTime")) {
            return error(
                    400, "INVALID_ARGUMENT", "Request contains an invalid argument.", agent, messageId, "invalid-body");
        }
        if (limits.tryAcquire(PROVIDER, agent, config.perSecond).isPresent()) {
            return error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", agent, messageId, "rate-limited");
        }
        boolean knownUser = type.equals("READ")
                ? known.find(PROVIDER, messageId)
                        .filter(m -> m.account().equals(agent) && m.customer().equals(phone))
                        .isPresent()
                : known.newest(PROVIDER, agent, phone).isPresent();
        if (!knownUser && !lenient) {
            return error(404, "NOT_FOUND", "Requested entity was not found.", agent, messageId, "unknown-user");
        }
        boolean first = events.add(agent + "|" + eventId);
        ObjectNode created = BODIES.createObjectNode()
                .put("name", "phones/" + phone + "/agentEvents/" + eventId)
                .put("eventType", type)
                .put("sendTime", now.toString());
        if (!messageId.isEmpty()) {
            created.put("messageId", messageId);
        }
        return Reply.ok(200, created.toString(), agent, first ? messageId : "");
    }

    private static boolean verified(String publicKeyBase64, String[] jwt) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(jwt[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean uuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Reply oauthError(String error, String account, String reason) {
        return new Reply(400, "{\"error\":\"" + error + "\"}", Map.of(), account, "", false, reason, 400);
    }

    private static Reply error(int status, String canonical, String message, String agent, String id, String reason) {
        ObjectNode body = BODIES.createObjectNode();
        body.putObject("error").put("code", status).put("message", message).put("status", canonical);
        return new Reply(status, body.toString(), Map.of(), agent, id, false, reason, status);
    }
}
