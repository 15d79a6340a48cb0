package io.chatsignals.ingress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;

/**
 * Bounds the header phase of every request by {@code server.request-timeout}, as the body phase is bounded by the
 * router's timeout: a client whose request line and headers are still arriving when the time is up (a slow or
 * "slowloris" client) is answered {@code 408 Request Timeout} and the connection closed; nothing is written. The clock
 * starts with the first byte of a request (on a new connection, or after the previous response on a kept-alive one),
 * so a connection that sends nothing is left to {@code server.idle-timeout}. Vert.x has no such option of its own: the
 * first bytes are seen by a Netty handler at the head of the connection's pipeline, which Vert.x hands over at once
 * only without h2c detection (the server speaks HTTP/1.1: with h2c on, the connection handler runs after the first
 * request). All state of a connection lives on its event loop.
 */
final class HeaderDeadline {
    private static final String HANDLER = "chatsignals-header-deadline";

    private final Vertx vertx;
    private final long timeoutMs;

    /** @param timeout the longest a request's line and headers may take to arrive */
    HeaderDeadline(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMs = Math.max(1, timeout.toMillis());
    }

    /** The server's connection handler: starts watching each new HTTP/1.x connection. */
    Handler<HttpConnection> onConnection() {
        return connection -> {
            if (!(connection instanceof ConnectionBase base)) {
                return; // not a Netty-backed HTTP/1.x connection (none in this server): nothing to watch
            }
            base.channel().pipeline().addFirst(HANDLER, new Watch(base.channel()));
        };
    }

    /** Wraps the server's request handler: a request whose headers arrived stops its connection's clock. */
    Handler<HttpServerRequest> around(Handler<HttpServerRequest> requests) {
        return request -> {
            Watch watch = request.connection() instanceof ConnectionBase base
                    ? (Watch) base.channel().pipeline().get(HANDLER)
                    : null;
            if (watch != null) {
                watch.requestStarted();
                request.response().endHandler(v -> watch.responseEnded());
            }
            requests.handle(request);
        };
    }

    /** One connection: its clock runs from the first byte of a request until that request's headers arrived. */
    private final class Watch extends ChannelInboundHandlerAdapter {
        private final Channel channel;
        private boolean inRequest;
        private boolean clockRunning;
        private long timer = -1;
        /** clocks started on this connection; the last one is the running one */
        private long clocks;

        Watch(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel(); // the connection closed: no clock runs for it
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!inRequest && !clockRunning) {
                clockRunning = true;
                // the timer may fire on another thread: the check runs on the channel's own event loop, where every
                // other access to this watch happens
                long clock = ++clocks;
                timer = vertx.setTimer(timeoutMs, id -> channel.eventLoop().execute(() -> expired(clock)));
            }
            ctx.fireChannelRead(msg);
        }

        void requestStarted() {
            inRequest = true;
            cancel();
        }

        void responseEnded() {
            inRequest = false; // the next byte starts the next request's clock
        }

        void cancel() {
            clockRunning = false;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        /** @param clock the clock that ran out: a later one (the request came, then another) is not this one's */
        private void expired(long clock) {
            if (clock != clocks || !clockRunning || inRequest || !channel.isActive()) {
                return;
            }
            timer = -1;
            DefaultFullHttpResponse answer =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT);
            answer.headers()
                    .set(HttpHeaderNames.CONTENT_LENGTH, 0)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
