package io.chatsignals.devstack.simulator;

import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Refuses a request whose raw path holds a dot segment ({@code .} or {@code ..}, also percent-encoded): a server that
 * normalises paths would resolve it to another resource (RFC 3986 §5.2.4), so a client that sends one has let a value
 * escape its path segment. Answered 400 with a JSON error of the simulator's own (no provider's envelope: the check
 * runs before any provider's routes) and counted as rejected ({@value #ENDPOINT}, reason {@code dot-segment}) before
 * any routing or normalisation.
 */
final class DotSegments {
    static final String ENDPOINT = "path";
    private static final String BODY = "{\"error\":\"dot segments are not allowed in the path\"}";

    private DotSegments() {}

    static void refuseOrNext(RoutingContext ctx, CallLog calls, Clock clock) {
        String raw = ctx.request().path();
        if (raw == null || !hasDotSegment(raw)) {
            ctx.next();
            return;
        }
        Instant now = clock.instant();
        Reply reply = new Reply(400, BODY, Map.of(), "", "", false, "dot-segment", 0);
        calls.add(new CallLog.Call(now, ENDPOINT, "", "", false, reply.reason(), reply.status(), reply.code()));
        ctx.response()
                .setStatusCode(reply.status())
                .putHeader("Content-Type", "application/json")
                .end(reply.body());
    }

    /** @return whether any segment of the path, percent-decoded, is {@code .} or {@code ..} */
    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = segment;
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
