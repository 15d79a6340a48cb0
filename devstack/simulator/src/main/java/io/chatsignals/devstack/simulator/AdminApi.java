package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's admin endpoints, for tests, the local run and other processes:
 * <ul>
 * <li>{@code GET /admin/stats} — counters of accepted/rejected calls by endpoint, account and reason, and totals</li>
 * <li>{@code GET /admin/calls?limit=N} — the latest N calls (default 100), oldest first</li>
 * <li>{@code GET|PUT /admin/behaviour} — latency distribution and fault rates ({@link Behaviour} as JSON)</li>
 * <li>{@code POST /admin/messages} — register delivered inbound messages: one object or an array of
 * {@code {provider (the key of a provider whose calls name messages), messageId, account, customer, channel, receivedAt (ISO-8601), steps}}</li>
 * <li>{@code POST /admin/reset} — forget counters and recorded calls</li>
 * </ul>
 * Invalid input is answered 400 with {@code {"error": "..."}}.
 */
final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KnownMessages known;
    private final CallLog calls;
    private final AtomicReference<Behaviour> behaviour;
    /** The providers whose messages may be registered ({@link SimulatedApi#knowsMessages()}). */
    private final Set<String> providers;

    AdminApi(KnownMessages known, CallLog calls, AtomicReference<Behaviour> behaviour, Set<String> providers) {
        this.known = known;
        this.calls = calls;
        this.behaviour = behaviour;
        this.providers = Set.copyOf(providers);
    }

    void mount(Router router) {
        router.get("/admin/stats").handler(this::stats);
        router.get("/admin/calls").handler(this::calls);
        router.get("/admin/behaviour").handler(ctx -> json(ctx, 200, JSON.valueToTree(behaviour.get())));
        router.put("/admin/behaviour").handler(this::setBehaviour);
        router.post("/admin/messages").handler(this::register);
        router.post("/admin/reset").handler(ctx -> {
            calls.reset();
            ctx.response().setStatusCode(204).end();
        });
    }

    private void stats(RoutingContext ctx) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode rows = root.putArray("counts");
        long accepted = 0;
        long rejected = 0;
        for (CallLog.Count c : calls.counts()) {
            rows.add(JSON.valueToTree(c));
            if (c.accepted()) {
                accepted += c.count();
            } else {
                rejected += c.count();
            }
        }
        root.put("accepted", accepted);
        root.put("rejected", rejected);
        root.put("knownMessages", known.size());
        json(ctx, 200, root);
    }

    private void calls(RoutingContext ctx) {
        int limit;
        try {
            limit = Integer.parseInt(ctx.request().getParam("limit", "100"));
        } catch (NumberFormatException e) {
            badRequest(ctx, "limit must be a number");
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        calls.latest(Math.max(0, limit)).forEach(call -> out.add(JSON.valueToTree(call)));
        json(ctx, 200, out);
    }

    private void setBehaviour(RoutingContext ctx) {
        try {
            behaviour.set(JSON.readValue(ctx.body().asString(), Behaviour.class));
            json(ctx, 200, JSON.valueToTree(behaviour.get()));
        } catch (Exception e) {
            badRequest(ctx, "invalid behaviour: " + rootMessage(e));
        }
    }

    private void register(RoutingContext ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.body().asString());
            int count = 0;
            for (JsonNode node : body.isArray() ? body : JSON.createArrayNode().add(body)) {
                known.register(new KnownMessages.Message(
                        provider(node),
                        required(node, "messageId"),
                        required(node, "account"),
                        node.path("customer").asText(""),
                        node.path("channel").asText("whatsapp"),
                        node.hasNonNull("receivedAt")
                                ? Instant.parse(node.get("receivedAt").asText())
                                : Instant.now(),
                        node.path("steps").asInt(1)));
                count++;
            }
            json(ctx, 200, JSON.createObjectNode().put("registered", count));
        } catch (Exception e) {
            badRequest(ctx, "invalid messages: " + rootMessage(e));
        }
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private String provider(JsonNode node) {
        String value = required(node, "provider");
        if (!providers.contains(value)) {
            throw new IllegalArgumentException(
                    "provider must be one of " + String.join(", ", new TreeSet<>(providers)));
        }
        return value;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void badRequest(RoutingContext ctx, String message) {
        json(ctx, 400, JSON.createObjectNode().put("error", message));
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.toString());
    }
}
