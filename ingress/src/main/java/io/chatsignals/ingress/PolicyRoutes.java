package io.chatsignals.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.chatsignals.contract.Policies;
import io.chatsignals.contract.PolicyTable;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The policy admin API (docs/policies.md, "Admin API"), open only with an {@code admin.token.<client>} set and only to
 * those tokens (401 without one, 403 with another, an activity token included):
 * <ul>
 *   <li>{@code PUT /v1/policies/{provider}/{account}}: a JSON body ({@link PolicyRequests}) written to the policies
 *       topic and answered 200 with the policy and its version once the broker acknowledged it; 400 naming the field
 *       for a body or path to fix, nothing written; 503 when not acknowledged in time;</li>
 *   <li>{@code GET /v1/policies/{provider}/{account}}: the policy as set (200), or 404;</li>
 *   <li>{@code GET /v1/policies}: every policy set;</li>
 *   <li>{@code DELETE /v1/policies/{provider}/{account}}: a tombstone, answered 204 once acknowledged.</li>
 * </ul>
 * {@code account} {@code *} is the provider's default. Reads see every write acknowledged before them.
 */
final class PolicyRoutes {
    static final String SOURCE = "policies";
    private static final String PATH = "/v1/policies/:provider/:account";

    private final IngressSettings settings;
    private final DurableWriter writer;
    private final PolicyView view;
    private final Replies replies;

    PolicyRoutes(IngressSettings settings, DurableWriter writer, PolicyView view, Replies replies) {
        this.settings = settings;
        this.writer = writer;
        this.view = view;
        this.replies = replies;
    }

    void mount(Router router) {
        router.put(PATH).handler(this::put);
        router.get(PATH).handler(this::get);
        router.delete(PATH).handler(this::delete);
        router.get("/v1/policies").handler(this::list);
    }

    private void put(RoutingContext ctx) {
        String client = client(ctx);
        if (client == null || !replies.contentType(ctx, SOURCE, "application/json")) {
            return;
        }
        BusinessPolicy policy;
        try {
            policy = PolicyRequests.map(
                    Replies.bytes(ctx),
                    ctx.pathParam("provider"),
                    ctx.pathParam("account"),
                    "admin-api:" + client,
                    Instant.now());
        } catch (ActivityRequests.Invalid e) {
            replies.reject(ctx, SOURCE, 400, e.getMessage());
            return;
        }
        AtomicLong version = new AtomicLong();
        write(
                ctx,
                Policies.key(policy.getProvider(), policy.getAccount()),
                policy,
                version,
                () -> Replies.answer(
                        ctx,
                        200,
                        PolicyRequests.json(new PolicyTable.Versioned(policy, version.get()))
                                .toString()));
    }

    private void delete(RoutingContext ctx) {
        String key = key(ctx);
        if (key != null) {
            write(ctx, key, null, new AtomicLong(), () -> ctx.response()
                    .setStatusCode(204)
                    .end());
        }
    }

    private void get(RoutingContext ctx) {
        String key = key(ctx);
        if (key != null) {
            answered(ctx, view.get(key), found -> {
                if (found.isPresent()) {
                    Replies.answer(ctx, 200, PolicyRequests.json(found.get()).toString());
                } else {
                    Replies.answer(ctx, 404, "{\"error\":\"no policy set: every field inherits\"}");
                }
            });
        }
    }

    private void list(RoutingContext ctx) {
        if (client(ctx) != null) {
            answered(ctx, view.all(), all -> {
                ArrayNode out = Replies.JSON.createArrayNode();
                all.values().forEach(v -> out.add(PolicyRequests.json(v)));
                Replies.answer(ctx, 200, out.toString());
            });
        }
    }

    /** Writes one record of the policies topic (a policy, or a tombstone for null) and answers once acknowledged. */
    private void write(RoutingContext ctx, String key, BusinessPolicy policy, AtomicLong version, Runnable answer) {
        Span none = Span.getInvalid();
        replies.writeThen(
                ctx,
                SOURCE,
                () -> {
                    version.set(writer.write(
                                    List.of(new DurableWriter.Out(
                                            settings.mapping().topic().policies(), key, policy)),
                                    settings.produceTimeouts().get(SOURCE),
                                    none)
                            .get(0)
                            .offset());
                    return IngressMetrics.ACCEPTED;
                },
                outcome -> answer.run());
    }

    private <T> void answered(RoutingContext ctx, CompletableFuture<T> read, Consumer<T> answer) {
        read.whenComplete((value, failure) -> ctx.vertx().runOnContext(v -> {
            if (failure != null) {
                replies.unavailable(ctx, SOURCE, failure);
            } else {
                answer.accept(value);
            }
        }));
    }

    /** @return the key the path names, or null once answered 401/403/400 */
    private String key(RoutingContext ctx) {
        if (client(ctx) == null) {
            return null;
        }
        try {
            Provider provider = PolicyRequests.provider(ctx.pathParam("provider"));
            return Policies.key(provider, ctx.pathParam("account"));
        } catch (ActivityRequests.Invalid e) {
            replies.reject(ctx, SOURCE, 400, e.getMessage());
            return null;
        }
    }

    /** @return the admin client the bearer token names, or null once answered 401 or 403 */
    private String client(RoutingContext ctx) {
        String token = Replies.bearer(ctx);
        if (token != null) {
            for (Map.Entry<String, String> e : settings.adminTokens().entrySet()) {
                if (Verification.sameSecret(e.getValue(), token)) {
                    return e.getKey().isEmpty() ? "admin" : e.getKey();
                }
            }
        }
        replies.authentic(
                ctx,
                SOURCE,
                WebhookSource.Check.anyOf(token, settings.adminTokens().values()));
        return null;
    }
}
