package io.chatsignals.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every route of ingress does the same way: checks a credential (401 without one, 403 with a wrong one) and a
 * media type (415), answers client errors (400 with the reason), runs a blocking write off the event loop and answers
 * 503 when it failed; each request's outcome counted per source ({@link IngressMetrics}).
 */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final IngressMetrics metrics;

    Replies(Vertx vertx, IngressMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /** @return the bearer token of the request's {@code Authorization} header, or null */
    static String bearer(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).trim()
                : null;
    }

    /** @return whether the request carries one of {@code tokens} as its bearer token; else answered 401 or 403 */
    boolean bearerOneOf(RoutingContext ctx, String source, Collection<String> tokens) {
        return authentic(ctx, source, WebhookSource.Check.anyOf(bearer(ctx), tokens));
    }

    boolean authentic(RoutingContext ctx, String source, WebhookSource.Check check) {
        if (check == WebhookSource.Check.OK) {
            return true;
        }
        metrics.request(source, IngressMetrics.UNAUTHORIZED);
        LOG.info(
                "{} request from {} refused: {} credential",
                source,
                ctx.request().remoteAddress(),
                check == WebhookSource.Check.MISSING ? "no" : "a wrong");
        answer(ctx, check == WebhookSource.Check.MISSING ? 401 : 403, "{\"error\":\"not authenticated\"}");
        return false;
    }

    /** @return whether the request's media type is the expected one; else answered 415 */
    boolean contentType(RoutingContext ctx, String source, String expected) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(expected)) {
            return true;
        }
        reject(ctx, source, 415, "Content-Type must be " + expected);
        return false;
    }

    void reject(RoutingContext ctx, String source, int status, String reason) {
        metrics.request(source, IngressMetrics.REJECTED);
        answer(ctx, status, JSON.createObjectNode().put("error", reason).toString());
    }

    /**
     * Runs a blocking write off the event loop, then answers: 503 when it failed (not acknowledged in time), else
     * {@code answered} with the outcome it returned; the write's time and the request's outcome are counted.
     */
    void writeThen(RoutingContext ctx, String source, Callable<String> write, Consumer<String> answered) {
        long started = System.nanoTime();
        vertx.executeBlocking(write, false).onComplete(ar -> {
            metrics.written(source, System.nanoTime() - started);
            if (ar.failed()) {
                unavailable(ctx, source, ar.cause());
                return;
            }
            metrics.request(source, ar.result());
            answered.accept(ar.result());
        });
    }

    void unavailable(RoutingContext ctx, String source, Throwable cause) {
        metrics.request(source, IngressMetrics.UNAVAILABLE);
        LOG.warn("{} request answered 503: {}", source, cause.getMessage());
        answer(ctx, 503, "{\"error\":\"not written; retry later\"}");
    }

    /** @return the request body's bytes, exactly as received (empty for none) */
    static byte[] bytes(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        return body == null ? new byte[0] : body.getBytes();
    }

    static void answer(RoutingContext ctx, int status, String json) {
        answer(ctx, status, "application/json", json);
    }

    static void answer(RoutingContext ctx, int status, String contentType, String body) {
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", contentType)
                    .end(body);
        }
    }
}
