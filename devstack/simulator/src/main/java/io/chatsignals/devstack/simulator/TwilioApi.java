package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's typing indicator (Twilio "Typing indicators resource", twilio-oai messaging v2/v3; docs/providers/twilio.md):
 * {@code POST /v2/Indicators/Typing.json} with the form {@code channel=whatsapp&messageId=<SM…>} and {@code POST
 * /v3/Indicators/Typing.json} with {@code {"channel":"RCS","from":"rcs:…","to":"rcs:+…","event":"START"}}, both with HTTP
 * Basic (an API key SID and secret, or the Account SID and Auth Token); success {@code {"success":true}}. Errors in
 * Twilio's shape {@code {code, message, more_info, status}}: 20003 (401) for missing or wrong credentials, 400 for a
 * malformed request or a message SID that does not match {@code ^(SM|MM)[0-9a-fA-F]{32}$}, 20404 (404) for a message
 * the account never received, 20429 (429) over the account's rate.
 */
final class TwilioApi implements SimulatedApi {
    static final String PROVIDER = "twilio";
    static final String TYPING = "twilio.typing";
    static final String TYPING_RCS = "twilio.typing-rcs";

    private final SimulatorConfig.Twilio config;
    private final boolean lenient;
    private final KnownMessages known;
    private final RateLimits limits;

    TwilioApi(SimulatorConfig.Twilio config, boolean lenient, KnownMessages known, RateLimits limits) {
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
        router.post("/v2/Indicators/Typing.json").handler(ctx -> requests.serve(ctx, TYPING, this, this::whatsApp));
        router.post("/v3/Indicators/Typing.json").handler(ctx -> requests.serve(ctx, TYPING_RCS, this, this::rcs));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        return error(500, 20500, "Internal Server Error", account, "", "fault-5xx");
    }

    Reply whatsApp(RoutingContext ctx, Instant now) {
        Optional<String> account = account(ctx);
        if (account.isEmpty()) {
            return error(401, 20003, "Authenticate", "", "", "bad-token");
        }
        String type = ctx.request().getHeader("Content-Type");
        String channel = ctx.request().getFormAttribute("channel");
        String sid = ctx.request().getFormAttribute("messageId");
        if (type == null
                || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")
                || !"whatsapp".equals(channel)
                || sid == null
                || ProviderSpecs.of(Provider.TWILIO).messageIdProblem(sid).isPresent()) {
            return error(
                    400,
                    400,
                    "channel must be whatsapp and messageId a message SID",
                    account.get(),
                    "",
                    "invalid-body");
        }
        Optional<Reply> limited = limited(account.get(), sid);
        if (limited.isPresent()) {
            return limited.get();
        }
        Optional<KnownMessages.Message> message = known.find(PROVIDER, sid)
                .filter(m -> account.get().equals("*") || account.get().equals(m.account()));
        if (message.isEmpty() && !lenient) {
            return error(404, 20404, "The requested resource was not found", account.get(), sid, "unknown-message");
        }
        return Reply.ok(
                200,
                "{\"success\":true}",
                message.map(KnownMessages.Message::account).orElse(account.get()),
                sid);
    }

    Reply rcs(RoutingContext ctx, Instant now) {
        Optional<String> account = account(ctx);
        if (account.isEmpty()) {
            return error(401, 20003, "Authenticate", "", "", "bad-token");
        }
        JsonNode body = SimulatedApi.json(ctx);
        String from = body == null ? "" : body.path("from").asText("");
        String to = body == null ? "" : body.path("to").asText("");
        if (body == null
                || !"RCS".equals(body.path("channel").asText())
                || !from.startsWith("rcs:")
                || !to.startsWith("rcs:+")
                || !"START".equals(body.path("event").asText())) {
            return error(
                    400,
                    400,
                    "channel RCS, from rcs:<sender>, to rcs:+<E.164> and event START are required",
                    account.get(),
                    "",
                    "invalid-body");
        }
        return limited(account.get(), "").orElseGet(() -> Reply.ok(200, "{\"success\":true}", account.get(), ""));
    }

    /** @return the account (or {@code *}) the Basic credentials stand for; empty for none or a wrong secret */
    private Optional<String> account(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        SimulatorConfig.Twilio.Key key = colon < 0 ? null : config.keys.get(decoded.substring(0, colon));
        if (key == null
                || !MessageDigest.isEqual(
                        key.secret.getBytes(StandardCharsets.UTF_8),
                        decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(key.account);
    }

    private Optional<Reply> limited(String account, String sid) {
        return limits.tryAcquire(PROVIDER, account, config.perSecond).isPresent()
                ? Optional.of(error(429, 20429, "Too Many Requests", account, sid, "rate-limited"))
                : Optional.empty();
    }

    private static Reply error(int status, int code, String message, String account, String sid, String reason) {
        ObjectNode body = BODIES.createObjectNode()
                .put("code", code)
                .put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code)
                .put("status", status);
        return new Reply(status, body.toString(), Map.of(), account, sid, false, reason, code);
    }
}
