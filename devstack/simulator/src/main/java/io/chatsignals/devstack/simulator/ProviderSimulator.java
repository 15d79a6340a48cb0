package io.chatsignals.devstack.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every provider's API (one {@link SimulatedApi} each) as one real HTTP server (Vert.x Web)
 * holding the documented contracts of docs/providers.md: the worker, the local run and the benchmarks talk to
 * it instead of the real providers.
 *
 * <p>Provider endpoints are wrapped in fault injection and latency
 * ({@link Behaviour}, changeable at run time), and every call is counted and recorded ({@link CallLog}). Admin
 * endpoints under {@code /admin} ({@link AdminApi}) expose the same to other processes. Binds to 127.0.0.1 by default.
 */
public final class ProviderSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSimulator.class);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    private final KnownMessages known;
    private final CallLog calls;
    private final AtomicReference<Behaviour> behaviour;
    private final HuaweiCases huawei;

    private ProviderSimulator(
            Vertx vertx,
            boolean ownsVertx,
            HttpServer server,
            KnownMessages known,
            CallLog calls,
            AtomicReference<Behaviour> behaviour,
            HuaweiCases huawei) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.server = server;
        this.known = known;
        this.calls = calls;
        this.behaviour = behaviour;
        this.huawei = huawei;
    }

    /**
     * Starts a simulator on its own Vert.x instance; returns once it listens.
     *
     * @throws IllegalStateException if the port cannot be bound (within 30 s)
     */
    public static ProviderSimulator start(SimulatorConfig config) {
        return start(Vertx.vertx(), true, config, Clock.systemUTC());
    }

    /**
     * Starts a simulator on the given Vert.x instance (not closed by {@link #close()}) with the given clock, which
     * decides the typing window, the NXCloud {@code ts} window and receipt times of lenient messages.
     */
    public static ProviderSimulator start(Vertx vertx, SimulatorConfig config, Clock clock) {
        return start(vertx, false, config, clock);
    }

    private static ProviderSimulator start(Vertx vertx, boolean ownsVertx, SimulatorConfig config, Clock clock) {
        KnownMessages known = new KnownMessages();
        CallLog calls = new CallLog();
        AtomicReference<Behaviour> behaviour = new AtomicReference<>(config.behaviour);
        RateLimits limits = new RateLimits();
        HuaweiCases huawei = new HuaweiCases(config.huawei, clock);
        List<SimulatedApi> apis = List.of(
                new EightByEightApi(config.eightByEight, config.lenient, known, limits),
                new NxCloudApi(config.nxcloud, config.lenient, known, limits),
                new HuaweiCaseApi(config.huawei, huawei, limits),
                new WhatsAppCloudApi(config.whatsappCloud, config.lenient, known, limits),
                new InfobipApi(config.infobip, config.lenient, known, limits),
                new MessengerApi(config.messenger, config.lenient, known, limits),
                new TwilioApi(config.twilio, config.lenient, known, limits),
                new GoogleRbmApi(config.googleRbm, config.lenient, known, limits));
        SplittableRandom random = new SplittableRandom(config.seed);
        RequestServer requests = new RequestServer(vertx, calls, behaviour, random, clock);

        Router router = Router.router(vertx);
        router.route().handler(ctx -> DotSegments.refuseOrNext(ctx, calls, clock));
        // no file uploads: with them Vert.x makes an uploads directory in the working directory on the first form
        // body, which fails where that is not writable (the devstack image's /app): every form-encoded call (Twilio's
        // API, Google's OAuth token endpoint) was answered 500 in the Compose demo. Form attributes are parsed the same
        router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
        apis.forEach(api -> api.mount(router, requests));
        Set<String> withMessages = apis.stream()
                .filter(SimulatedApi::knowsMessages)
                .map(SimulatedApi::provider)
                .collect(Collectors.toCollection(TreeSet::new));
        new AdminApi(known, calls, behaviour, withMessages).mount(router);

        try {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                            .setHost(config.host)
                            .setPort(config.port)
                            // HTTP/1.1 only: a dropped connection then fails exactly one request, as with the
                            // providers' clients
                            .setHttp2ClearTextEnabled(false))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            ProviderSimulator simulator =
                    new ProviderSimulator(vertx, ownsVertx, server, known, calls, behaviour, huawei);
            LOG.info("provider simulator listening at {} ({})", simulator.url(), config);
            return simulator;
        } catch (Exception e) {
            if (ownsVertx) {
                vertx.close();
            }
            throw new IllegalStateException(
                    "provider simulator could not listen on " + config.host + ":" + config.port + ": " + e, e);
        }
    }

    /** @return the TCP port it listens on */
    public int port() {
        return server.actualPort();
    }

    /** @return the base URL for both providers' clients, e.g. {@code http://127.0.0.1:40123} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return the inbound messages this simulator knows; register what it "delivered" here */
    public KnownMessages messages() {
        return known;
    }

    /** @return Huawei's side: IAM tokens, cases and their messages, mark-read calls received */
    public HuaweiCases huawei() {
        return huawei;
    }

    /** @return the counters and the record of calls */
    public CallLog calls() {
        return calls;
    }

    /** @return the latency and fault settings in force */
    public Behaviour behaviour() {
        return behaviour.get();
    }

    /** Replaces the latency and fault settings; applies to requests arriving from now on. */
    public void setBehaviour(Behaviour newBehaviour) {
        behaviour.set(newBehaviour);
    }

    /** Stops listening, drops held requests, and closes its Vert.x instance if it created it. */
    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (ownsVertx) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("provider simulator did not stop cleanly: " + e, e);
        }
    }
}
