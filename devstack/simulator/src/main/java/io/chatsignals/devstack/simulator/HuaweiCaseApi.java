package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.HuaweiCase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Huawei Cloud endpoints (docs/providers.md, "Huawei Cloud service tickets"; Huawei "Marking a Message as Read"):
 * <ul>
 * <li>IAM {@code POST /v3/auth/tokens}: password method, domain scope; 201 with the token in {@code X-Subject-Token} and
 *     {@code token.expires_at} in the body; 401 for a wrong user or password, 400 for a malformed body.</li>
 * <li>{@code GET /v2/servicerequest/cases/instant-messages?case_ids=…[&last_message_time_id=…][&group_id=…]}: up to 100
 *     cases (comma-separated or repeated), their messages after the cursor and the new cursor; a poll naming a closed
 *     case is refused as a whole with HTTP 200 and {@code OSM.01010003} (a business error).</li>
 * <li>{@code GET /v2/servicerequest/cases?status=…&offset=…&limit=…}: the token's account's cases in that status (all when
 *     absent), {@code {total_count, incident_info_list:[{incident_id, status}]}}; limit 1–100 (default 10).</li>
 * <li>{@code POST /v2/servicerequest/cases/{case_id}/instant-messages/unread} {@code {"group_id"?}}: 200 {@code {}}; a
 *     case unknown to the token's account, or closed, answers 200 with {@code OSM.01010003} (a business error).</li>
 * </ul>
 * Every service call needs {@code X-Auth-Token}: missing or expired 401 OSM.0002, revoked 401 APIGW.0307 ("The token must
 * be updated"). Errors are {@code {"error_code","error_msg"}}; over the configured mark-read limit 429 APIGW.0308.
 */
final class HuaweiCaseApi implements SimulatedApi {
    static final String PROVIDER = "huawei";
    static final String TOKENS = "huawei.iam.tokens";
    static final String POLL = "huawei.poll";
    static final String LIST = "huawei.cases";
    static final String READ = "huawei.read";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorConfig.Huawei config;
    private final HuaweiCases cases;
    private final RateLimits limits;

    HuaweiCaseApi(SimulatorConfig.Huawei config, HuaweiCases cases, RateLimits limits) {
        this.config = config;
        this.cases = cases;
        this.limits = limits;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    /** Cases are polled: no message of Huawei's is registered as delivered. */
    @Override
    public boolean knowsMessages() {
        return false;
    }

    @Override
    public void mount(Router router, RequestServer requests) {
        router.post("/v3/auth/tokens").handler(ctx -> requests.serve(ctx, TOKENS, this, this::tokens));
        router.get("/v2/servicerequest/cases").handler(ctx -> requests.serve(ctx, LIST, this, this::listCases));
        router.get("/v2/servicerequest/cases/instant-messages")
                .handler(ctx -> requests.serve(ctx, POLL, this, this::poll));
        router.post("/v2/servicerequest/cases/:case_id/instant-messages/unread")
                .handler(ctx -> requests.serve(ctx, READ, this, this::markRead));
    }

    @Override
    public Reply internalError(String account, Instant now) {
        return internalError(account);
    }

    Reply tokens(RoutingContext ctx, Instant now) {
        JsonNode body = parse(ctx);
        JsonNode identity = body.path("auth").path("identity");
        JsonNode user = identity.path("password").path("user");
        String domain = user.path("domain").path("name").asText("");
        if (!identity.path("methods").toString().contains("\"password\"")
                || domain.isEmpty()
                || user.path("name").asText("").isEmpty()) {
            return iamError(
                    400,
                    "1100",
                    "auth.identity with the password method, user.name and user.domain.name are required",
                    domain);
        }
        if (!cases.authenticates(
                domain, user.path("name").asText(), user.path("password").asText(null))) {
            return iamError(401, "1101", "The username or password is wrong.", domain);
        }
        String token = cases.issue(domain);
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode t = answer.putObject("token");
        t.put("expires_at", cases.token(token).orElseThrow().expiresAt().toString());
        t.put("issued_at", now.toString());
        t.putArray("methods").add("password");
        t.putObject("domain").put("name", domain);
        return new Reply(201, answer.toString(), Map.of("X-Subject-Token", token), domain, "", true, "ok", 0);
    }

    Reply poll(RoutingContext ctx, Instant now) {
        List<String> ids = new ArrayList<>();
        ctx.queryParam("case_ids").forEach(v -> ids.addAll(List.of(v.split(","))));
        ids.removeIf(String::isBlank);
        Optional<Reply> refused = authorize(ctx, now, String.join(",", ids));
        if (refused.isPresent()) {
            return refused.get();
        }
        String domain = cases.token(ctx.request().getHeader("X-Auth-Token"))
                .orElseThrow()
                .domain();
        if (ids.isEmpty() || ids.size() > HuaweiCase.CASES_PER_POLL) {
            return error(400, "OSM.0001", "case_ids: 1 to 100 case ids", domain, "invalid-case-ids");
        }
        Long after;
        try {
            String cursor = ctx.request().getParam("last_message_time_id");
            after = cursor == null || cursor.isBlank() ? null : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            return error(
                    400, "OSM.0001", "last_message_time_id is not one this API returned", domain, "invalid-cursor");
        }
        if (cases.refusesPoll(ids)) {
            return new Reply(
                    200,
                    envelope("OSM.01010003", "Case not found").toString(),
                    Map.of(),
                    domain,
                    String.join(",", ids),
                    false,
                    "refused-case",
                    0);
        }
        List<String> own = ids.stream()
                .filter(id -> cases.domainOf(id).filter(domain::equals).isPresent())
                .toList();
        List<HuaweiCases.Message> found = cases.messagesAfter(own, after);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode status = answer.putArray("imstatus");
        own.forEach(id -> status.addObject().put("incident_id", id).put("status", 1));
        ArrayNode immsg = answer.putArray("immsg");
        Map<String, ArrayNode> perCase = new LinkedHashMap<>();
        for (HuaweiCases.Message m : found) {
            ArrayNode list = perCase.computeIfAbsent(m.caseId(), id -> {
                ObjectNode entry = immsg.addObject().put("incident_id", id);
                return entry.putArray("message_list");
            });
            list.addObject()
                    .put("type", 0)
                    .put("replier_type", m.replierType())
                    .put("replier", m.replier())
                    .put("replier_name", m.replier())
                    .put("content", m.content())
                    .put("create_time", m.createTime())
                    .put("is_first_message", 0)
                    .put("iam_user_type", 0)
                    .putArray("accessory_list");
        }
        long next = found.isEmpty()
                ? (after == null ? 0 : after)
                : found.get(found.size() - 1).cursor();
        answer.put("last_message_time_id", next == 0 ? "" : Long.toString(next));
        return Reply.ok(200, answer.toString(), domain, "");
    }

    Reply listCases(RoutingContext ctx, Instant now) {
        Optional<Reply> refused = authorize(ctx, now, "");
        if (refused.isPresent()) {
            return refused.get();
        }
        String domain = cases.token(ctx.request().getHeader("X-Auth-Token"))
                .orElseThrow()
                .domain();
        int offset;
        int limit;
        List<Integer> statuses = new ArrayList<>();
        try {
            offset = Integer.parseInt(
                    Optional.ofNullable(ctx.request().getParam("offset")).orElse("0"));
            limit = Integer.parseInt(
                    Optional.ofNullable(ctx.request().getParam("limit")).orElse("10"));
            String status = ctx.request().getParam("status");
            if (status == null) {
                statuses.addAll(List.of(0, 1, 2, 3, 4, 12, 17));
            } else {
                statuses.add(Integer.parseInt(status));
            }
        } catch (NumberFormatException e) {
            return error(400, "OSM.0001", "offset, limit and status are integers", domain, "invalid-query");
        }
        if (offset < 0 || limit < 1 || limit > HuaweiCase.CASES_PER_PAGE) {
            return error(400, "OSM.0001", "offset >= 0, limit 1 to 100", domain, "invalid-query");
        }
        List<Map.Entry<String, Integer>> found = new ArrayList<>();
        statuses.forEach(st -> cases.casesOf(domain, st).forEach(id -> found.add(Map.entry(id, st))));
        ObjectNode answer = JSON.createObjectNode().put("total_count", found.size());
        ArrayNode list = answer.putArray("incident_info_list");
        found.stream().skip(offset).limit(limit).forEach(e -> list.addObject()
                .put("incident_id", e.getKey())
                .put("status", e.getValue()));
        return Reply.ok(200, answer.toString(), domain, "");
    }

    Reply markRead(RoutingContext ctx, Instant now) {
        String caseId = ctx.pathParam("case_id");
        Optional<Reply> refused = authorize(ctx, now, caseId);
        if (refused.isPresent()) {
            return refused.get();
        }
        String domain = cases.token(ctx.request().getHeader("X-Auth-Token"))
                .orElseThrow()
                .domain();
        JsonNode body = parse(ctx);
        if (!body.isObject()) {
            return error(400, "OSM.0001", "the body must be a JSON object", domain, "invalid-body");
        }
        if (body.path("group_id").asText("").length() > HuaweiCase.GROUP_ID_MAX) {
            return error(400, "OSM.0001", "group_id is longer than 64 characters", domain, "invalid-body");
        }
        if (!HuaweiCase.validCaseId(caseId)
                || cases.domainOf(caseId).filter(domain::equals).isEmpty()
                || cases.isClosed(caseId)) {
            return new Reply(
                    200,
                    envelope("OSM.01010003", "Case not found").toString(),
                    Map.of(),
                    domain,
                    caseId,
                    false,
                    "unknown-case",
                    0);
        }
        OptionalLong wait = limits.tryAcquire(READ, domain, config.markReadPerSecond);
        if (wait.isPresent()) {
            return error(429, "APIGW.0308", "The throttling threshold has been reached", domain, "rate-limited")
                    .withHeader("Retry-After", Long.toString(wait.getAsLong()));
        }
        cases.markRead(caseId);
        return Reply.ok(200, "{}", domain, caseId);
    }

    /** @return the refusal of a call without a valid token, empty when the token is valid */
    private Optional<Reply> authorize(RoutingContext ctx, Instant now, String subject) {
        Optional<HuaweiCases.Token> token = cases.token(ctx.request().getHeader("X-Auth-Token"));
        if (token.isEmpty()) {
            return Optional.of(error(401, "OSM.0002", "unauthorized: no valid X-Auth-Token", "", "no-token"));
        }
        if (token.get().revoked()) {
            return Optional.of(error(
                    401, "APIGW.0307", "The token must be updated.", token.get().domain(), "revoked-token"));
        }
        if (!now.isBefore(token.get().expiresAt())) {
            return Optional.of(error(
                    401,
                    "OSM.0002",
                    "unauthorized: the token expired",
                    token.get().domain(),
                    "expired-token"));
        }
        return Optional.empty();
    }

    static Reply internalError(String account) {
        return error(500, "OSM.0004", "internal error", account, "fault-5xx");
    }

    private static Reply error(int status, String code, String message, String account, String reason) {
        return new Reply(status, envelope(code, message).toString(), Map.of(), account, "", false, reason, 0);
    }

    private static Reply iamError(int status, String code, String message, String domain) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error")
                .put("code", code)
                .put("message", message)
                .put("title", status == 401 ? "Unauthorized" : "Bad Request");
        return new Reply(
                status,
                body.toString(),
                Map.of(),
                domain,
                "",
                false,
                status == 401 ? "bad-credentials" : "invalid-body",
                0);
    }

    private static ObjectNode envelope(String code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("error_msg", message);
    }

    private static JsonNode parse(RoutingContext ctx) {
        try {
            String text = ctx.body() == null ? null : ctx.body().asString();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode("not JSON");
        }
    }
}
