package io.chatsignals.ingress;

import io.chatsignals.ops.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingress's HTTP routes (docs/configuration.md, "ingress"): each webhook provider's routes under {@code /webhooks/<key>}
 * ({@link WebhookSource}), {@code POST /v1/activity} and, with admin tokens set, the policy admin API
 * ({@link PolicyRoutes}). Each request is verified first, on the bytes and headers
 * received (401 without a credential, 403 with a wrong one; nothing parsed, nothing written), then must be JSON (415
 * for another content type, 400 for a body that is not JSON); a body over {@code server.max-body-bytes} is answered 413
 * and one not received within {@code server.request-timeout} 408. A verified body is written and answered 200 only
 * once the broker acknowledged every record; 503 when it did not in time (the provider retries). An authentic webhook
 * that cannot be mapped goes to the inbound DLQ with its reason and is answered 200: a retry would fail the same way.
 * A provider whose secret is not configured has no endpoint (404).
 */
final class IngressRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(IngressRoutes.class);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Vertx vertx;
    private final IngressSettings settings;
    private final WebhookIntake intake;
    private final DurableWriter writer;
    private final IngressMetrics metrics;
    private final Replies replies;
    private final RequestTracing tracing;
    private final PolicyRoutes policies;

    IngressRoutes(
            Vertx vertx,
            IngressSettings settings,
            DurableWriter writer,
            IngressMetrics metrics,
            RequestTracing tracing,
            PolicyRoutes policies) {
        this.tracing = tracing;
        this.vertx = vertx;
        this.settings = settings;
        this.intake = new WebhookIntake(settings.inboundTopics());
        this.writer = writer;
        this.metrics = metrics;
        this.replies = new Replies(vertx, metrics);
        this.policies = policies;
    }

    Router router() {
        IngressConfig.Server server = settings.mapping().server();
        Router router = Router.router(vertx);
        router.route().handler(TimeoutHandler.create(server.requestTimeout().toMillis(), 408));
        router.route().handler(BodyHandler.create(false).setBodyLimit(server.maxBodyBytes()));
        settings.routes()
                .forEach((source, routes) -> routes.forEach(
                        r -> router.route(r.method(), r.path()).handler(ctx -> webhook(ctx, source, r))));
        if (!settings.activityTokens().isEmpty()) {
            router.post("/v1/activity").handler(this::activity);
        }
        if (policies != null) {
            policies.mount(router);
        }
        router.route().failureHandler(this::failed);
        return router;
    }

    /**
     * A request to a provider's route: verified; then a subscription handshake's reply, or the body mapped and
     * written.
     */
    private void webhook(RoutingContext ctx, String source, WebhookSource.Route route) {
        Span span = tracing.request(ctx, route.path());
        try (Scope ignored = Tracing.logContext(span)) {
            webhook(ctx, source, route, span);
        }
    }

    private void webhook(RoutingContext ctx, String source, WebhookSource.Route route, Span span) {
        if (!replies.authentic(ctx, source, route.verify().apply(ctx))) {
            return;
        }
        String reply = route.reply() == null ? null : route.reply().apply(ctx);
        if (reply != null) {
            ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "text/plain")
                    .end(reply);
            return;
        }
        boolean form = intake.formEncoded(source);
        if (!replies.contentType(ctx, source, form ? FORM : "application/json")) {
            return;
        }
        byte[] body = Replies.bytes(ctx);
        WebhookIntake.Mapped mapped;
        try {
            mapped = intake.map(source, body, form);
        } catch (WebhookIntake.NotJson e) {
            replies.reject(ctx, source, 400, e.getMessage());
            return;
        }
        Duration timeout = settings.produceTimeouts().get(source);
        replies.writeThen(
                ctx,
                source,
                () -> {
                    if (mapped.unmappable() != null) {
                        writer.deadLetter(
                                settings.mapping().topic().inboundDlq(),
                                source,
                                body,
                                mapped.unmappable(),
                                timeout,
                                span);
                        return IngressMetrics.DEAD_LETTERED;
                    }
                    writer.write(mapped.records(), timeout, span);
                    return IngressMetrics.ACCEPTED;
                },
                outcome -> {
                    metrics.records(source, mapped.records().size());
                    metrics.receipts(mapped.receipts());
                    if (mapped.unmappable() != null) {
                        try (Scope ignored = Tracing.logContext(span)) {
                            LOG.warn("{} webhook to the DLQ: {}", source, mapped.unmappable());
                        }
                    }
                    WebhookSource.Answer ok =
                            WebhookSources.of(source).accepted(mapped.records().size(), mapped.unmappable() != null);
                    Replies.answer(ctx, 200, ok.contentType(), ok.body());
                });
    }

    private void activity(RoutingContext ctx) {
        String source = IngressSettings.ACTIVITY;
        Span span = tracing.request(ctx, "/v1/activity");
        if (!replies.bearerOneOf(ctx, source, settings.activityTokens().values())
                || !replies.contentType(ctx, source, "application/json")) {
            return;
        }
        List<DurableWriter.Out> records;
        try {
            records = ActivityRequests.map(
                    Replies.bytes(ctx), settings.mapping().topic().activity(), Instant.now());
        } catch (ActivityRequests.Invalid e) {
            replies.reject(ctx, source, 400, e.getMessage());
            return;
        }
        replies.writeThen(
                ctx,
                source,
                () -> {
                    writer.write(records, settings.produceTimeouts().get(source), span);
                    return IngressMetrics.ACCEPTED;
                },
                outcome -> {
                    metrics.records(source, records.size());
                    Replies.answer(
                            ctx,
                            200,
                            Replies.JSON
                                    .createObjectNode()
                                    .put("records", records.size())
                                    .toString());
                });
    }

    /** 413 (body too large), 408 (request too slow) and other failures of the handlers in front. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String source = sourceOf(ctx.request().path());
        if (source != null) {
            metrics.request(source, status >= 500 ? IngressMetrics.UNAVAILABLE : IngressMetrics.REJECTED);
        }
        if (ctx.failure() != null && status >= 500) {
            // the source, never the path: NXCloud's path carries its token
            LOG.error("{} request failed", source == null ? "a" : source, ctx.failure());
        }
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Connection", "close")
                    .end();
        }
    }

    private static String sourceOf(String path) {
        if (path == null) {
            return null;
        }
        for (String source : IngressMetrics.SOURCES) {
            if (path.startsWith("/webhooks/" + source) || path.startsWith("/v1/" + source)) {
                return source;
            }
        }
        return null;
    }
}
