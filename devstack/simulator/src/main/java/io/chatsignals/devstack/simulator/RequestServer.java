package io.chatsignals.devstack.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Runs every provider call through the simulator's {@link Behaviour}: one uniform draw decides a dropped connection,
 * a timeout (held, then closed), an injected 500, or the real endpoint; the answer is recorded in the {@link CallLog}
 * and sent after a latency drawn from the distribution (a Vert.x timer, never a blocked thread).
 */
final class RequestServer {
    private final Vertx vertx;
    private final CallLog calls;
    private final AtomicReference<Behaviour> behaviour;
    private final SplittableRandom random;
    private final Clock clock;

    RequestServer(
            Vertx vertx, CallLog calls, AtomicReference<Behaviour> behaviour, SplittableRandom random, Clock clock) {
        this.vertx = vertx;
        this.calls = calls;
        this.behaviour = behaviour;
        this.random = random;
        this.clock = clock;
    }

    void serve(
            RoutingContext ctx, String endpoint, SimulatedApi api, BiFunction<RoutingContext, Instant, Reply> handler) {
        Instant now = clock.instant();
        Behaviour b = behaviour.get();
        double draw;
        long delayMs;
        synchronized (random) {
            draw = random.nextDouble();
            delayMs = b.latency().sampleMs(random);
        }
        String account = pathAccount(ctx);
        if (draw < b.dropRate() + b.timeoutRate() + b.error5xxRate()) {
            account = requestAccount(ctx, account); // a fault is drawn: whose call is it?
            if (!b.faultsApplyTo(endpoint, account)) {
                draw = 1; // no fault for this endpoint or account
            }
        }
        if (draw < b.dropRate()) {
            calls.add(new CallLog.Call(now, endpoint, account, "", false, "fault-drop", 0, 0));
            ctx.request().connection().close();
            return;
        }
        if (draw < b.dropRate() + b.timeoutRate()) {
            calls.add(new CallLog.Call(now, endpoint, account, "", false, "fault-timeout", 0, 0));
            vertx.setTimer(b.timeoutHoldMs(), t -> ctx.request().connection().close());
            return;
        }
        Reply reply = draw < b.dropRate() + b.timeoutRate() + b.error5xxRate()
                ? api.internalError(account, now)
                : handler.apply(ctx, now);
        calls.add(new CallLog.Call(
                now,
                endpoint,
                reply.account(),
                reply.messageId(),
                reply.accepted(),
                reply.reason(),
                reply.status(),
                reply.code()));
        if (delayMs <= 0) {
            send(ctx, reply);
        } else {
            vertx.setTimer(delayMs, t -> send(ctx, reply));
        }
    }

    /** @return the account a provider's path names (its {@code account} parameter), "" for none */
    private static String pathAccount(RoutingContext ctx) {
        String sub = ctx.pathParam("subAccountId");
        String phone = ctx.pathParam("phoneNumberId");
        return sub != null ? sub : phone != null ? phone : "";
    }

    /** The account from the path, else the NXCloud {@code business_phone} from the JSON body ("" if none). */
    private static String requestAccount(RoutingContext ctx, String pathAccount) {
        if (!pathAccount.isEmpty() || ctx.body() == null || ctx.body().buffer() == null) {
            return pathAccount;
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            return body == null ? "" : body.getString("business_phone", "");
        } catch (RuntimeException e) {
            return ""; // not JSON: the handler answers it
        }
    }

    private static void send(RoutingContext ctx, Reply reply) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        if (reply.body().isEmpty()) {
            response.end();
        } else {
            response.putHeader("Content-Type", "application/json").end(reply.body());
        }
    }
}
