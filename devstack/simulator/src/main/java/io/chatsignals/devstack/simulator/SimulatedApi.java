package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;

/**
 * One provider's API in the simulator: its routes, held to the provider's documented contract, and the answer it gives
 * to a simulated server fault. {@link ProviderSimulator} builds one per provider and mounts them.
 */
interface SimulatedApi {
    /** Reads request bodies ({@link #json}). */
    ObjectMapper BODIES = new ObjectMapper();

    /** @return the provider's key: the {@code provider} of its registered messages and of its faults */
    String provider();

    /** @return whether its calls name messages the admin API registers as delivered ({@link KnownMessages}) */
    default boolean knowsMessages() {
        return true;
    }

    /** Mounts the API's routes, each served through {@code requests} (latency, faults, the call log). */
    void mount(Router router, RequestServer requests);

    /** @return the provider's answer to a call that meets a simulated server fault (its 5xx body) */
    Reply internalError(String account, Instant now);

    /** @return the request's body as JSON; null when there is none or it is not JSON */
    static JsonNode json(RoutingContext ctx) {
        try {
            return ctx.body() == null || ctx.body().buffer() == null
                    ? null
                    : BODIES.readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            return null;
        }
    }
}
