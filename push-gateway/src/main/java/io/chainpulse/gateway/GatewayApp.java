package io.chainpulse.gateway;

import io.chainpulse.gateway.auth.ConnectionRateLimiter;
import io.chainpulse.gateway.auth.JwtVerifier;
import io.chainpulse.gateway.auth.OriginPolicy;
import io.chainpulse.gateway.auth.OverlayAuthorizer;
import io.chainpulse.gateway.auth.RevocationWatcher;
import io.chainpulse.gateway.auth.StreamerAuthorizer;
import io.chainpulse.gateway.feed.Feed;
import io.chainpulse.gateway.feed.LiveConsumer;
import io.chainpulse.gateway.feed.StreamFrame;
import io.chainpulse.gateway.feed.StreamFrameEncoder;
import io.chainpulse.gateway.feed.TipFrame;
import io.chainpulse.gateway.feed.TipFrameEncoder;
import io.chainpulse.gateway.http.Cors;
import io.chainpulse.gateway.http.GatewayMetrics;
import io.chainpulse.gateway.http.HealthRoute;
import io.chainpulse.gateway.http.HttpRoutes;
import io.chainpulse.gateway.http.KafkaProbe;
import io.chainpulse.gateway.http.LiveSessionRoutes;
import io.chainpulse.gateway.http.RequestLimit;
import io.chainpulse.gateway.http.TipHistory;
import io.chainpulse.gateway.replay.KafkaReplayer;
import io.chainpulse.gateway.replay.LogEnds;
import io.chainpulse.gateway.rooms.StreamSocketIo;
import io.chainpulse.gateway.session.Channels;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.Heartbeat;
import io.chainpulse.gateway.session.SessionRegistry;
import io.chainpulse.gateway.session.SocketWriters;
import io.chainpulse.gateway.session.TipSocketHandler;
import io.chainpulse.gateway.session.TipSockets;
import io.chainpulse.schemas.Topics;
import io.chainpulse.socketio.SocketIoServer;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.OverlayTokens;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push gateway: one Kafka consumer fans each tip out to the WebSocket clients of its creator, and each
 * StellarStream event to the Socket.IO room of its address. {@link #create} wires without connecting; {@link #start}
 * reads the topics from their end and opens the port.
 */
public final class GatewayApp implements AutoCloseable {
    private static final int ACCEPT_QUEUE_SIZE = 4096;
    private static final int HTTP_MAX_THREADS = 32;
    private static final int HTTP_MIN_THREADS = 8;
    private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);
    /** Partitions read at once by Kafka catch-up scans, per topic; each scan serves every waiting client of one. */
    private static final int CONCURRENT_KAFKA_SCANS = 4;
    /** How long start waits for memory to be warmed before it opens the port anyway (replays then read Kafka). */
    private static final Duration WARM_LIMIT = Duration.ofMinutes(2);
    /** Longest the live consumer waits for the socket writers after a poll before it polls on. */
    private static final Duration WRITERS_LIMIT = Duration.ofSeconds(2);

    private final GatewayConfig config;
    private final Javalin server;
    private final LiveConsumer consumer;
    private final SessionRegistry registry;
    private final SocketIoServer socketIo;
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> startTasks;
    /** Closed after the server stops, in this order. */
    private final List<AutoCloseable> resources;
    private final List<RouteModule> routeModules;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayApp(GatewayConfig config, Javalin server, LiveConsumer consumer, SessionRegistry registry,
            SocketIoServer socketIo, ScheduledExecutorService scheduler, List<Runnable> startTasks,
            List<AutoCloseable> resources, List<RouteModule> routeModules) {
        this.config = config;
        this.server = server;
        this.consumer = consumer;
        this.registry = registry;
        this.socketIo = socketIo;
        this.scheduler = scheduler;
        this.startTasks = startTasks;
        this.resources = resources;
        this.routeModules = routeModules;
    }

    /** Builds the gateway; nothing listens or polls until {@link #start()}. The database stays the caller's. */
    public static GatewayApp create(GatewayConfig config, Topics topics, Database database) {
        return create(config, topics, database, List.of());
    }

    /**
     * Builds the gateway with extra routes; the gateway closes each module after its server stopped. The database
     * stays the caller's.
     */
    public static GatewayApp create(GatewayConfig config, Topics topics, Database database,
            List<RouteModule> routeModules) {
        Clock clock = Clock.systemUTC();
        SessionRegistry registry = new SessionRegistry(config.replayBufferPerCreator());
        Channels<StreamFrame> streamChannels = new Channels<>(config.socketIo().replayBufferPerAddress());
        SocketWriters writers = new SocketWriters(config.writerThreads());
        LiveConsumer consumer = new LiveConsumer(config.kafkaBootstrapServers(), List.of(
                new Feed<>(topics.tips().name(), TipFrameEncoder.decoder(topics.tips()), registry.channels()),
                new Feed<>(topics.streams().name(), StreamFrameEncoder.decoder(topics.streams()), streamChannels)),
                config.replayWarmRecordsPerPartition(), () -> awaitWriters(writers), clock);
        GatewayMetrics metrics = new GatewayMetrics(registry, consumer);
        metrics.channels(List.of(registry.channels(), streamChannels));
        LogEnds logEnds = new LogEnds(config.kafkaBootstrapServers());
        KafkaReplayer<TipFrame> replayer = new KafkaReplayer<>(config.kafkaBootstrapServers(), topics.tips().name(),
                TipFrameEncoder.decoder(topics.tips()), logEnds, clock, CONCURRENT_KAFKA_SCANS,
                config.replayScanGather(), metrics.replayEvents("tips", ""));
        KafkaReplayer<StreamFrame> streamReplayer = new KafkaReplayer<>(config.kafkaBootstrapServers(),
                topics.streams().name(), StreamFrameEncoder.decoder(topics.streams()), logEnds, clock,
                CONCURRENT_KAFKA_SCANS, config.replayScanGather(), metrics.replayEvents("streams", "socketio-"));
        KafkaProbe kafkaProbe = new KafkaProbe(config.kafkaBootstrapServers());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gateway-scheduler").daemon(true).factory());
        ConnectionRateLimiter rateLimiter = new ConnectionRateLimiter(config.connectionsPerIpPerMinute(), clock);
        OriginPolicy origins = new OriginPolicy(config.allowedOrigins(), config.anyOrigin());
        SocketIoServer socketIo = StreamSocketIo.create(config, origins, rateLimiter, streamChannels, streamReplayer);
        OverlayTokens tokens = new OverlayTokens(database.jdbi());
        Optional<JwtVerifier> jwt = config.jwt().map(settings -> new JwtVerifier(settings, clock));
        OverlayAuthorizer overlays = new OverlayAuthorizer(tokens, config.revocationCheckInterval(), clock);
        CreatorRegistry creators = new CreatorRegistry(database.jdbi());
        StreamerAuthorizer streamers = new StreamerAuthorizer(jwt, creators);
        TipSockets sockets = new TipSockets(registry, replayer, config.sessionLimits(), metrics, origins::allows,
                rateLimiter::tryAcquire, scheduler, writers, overlays, streamers);
        HealthRoute health = new HealthRoute(kafkaProbe, consumer, database, registry, socketIo);
        HttpRoutes http = new HttpRoutes(tokens, new TipHistory(database.jdbi()), registry, socketIo, streamChannels,
                metrics);
        LiveSessionRoutes liveSessions = new LiveSessionRoutes(streamers, creators);
        Cors cors = new Cors(origins);
        RequestLimit requestLimit = new RequestLimit(config.httpRequestsPerIpPerMinute(), clock);
        Javalin server = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            // a handshake waits on a database connection (DATABASE_POOL_SIZE, 8 by default): Javalin's default of 250
            // threads only adds waiting threads in a connect wave, and every thread's stack stays resident
            QueuedThreadPool threads = new QueuedThreadPool(HTTP_MAX_THREADS, HTTP_MIN_THREADS, 60_000);
            threads.setName("gateway-http");
            javalin.jetty.threadPool = threads;
            // a restart brings thousands of reconnects at once: the JDK's default backlog of 50 would drop their SYNs
            // and leave clients waiting out a handshake timeout
            javalin.jetty.modifyServer(jetty -> {
                jetty.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (var connector : jetty.getConnectors()) {
                            if (connector instanceof ServerConnector serverConnector) {
                                serverConnector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
                            }
                        }
                    }
                });
                jetty.insertHandler(tipSocketHandler(jetty, sockets));
                jetty.insertHandler(socketIo.handler(jetty));
            });
            javalin.routes.before(ctx -> {
                // Socket.IO answers CORS on its own path
                if (!ctx.path().startsWith(SocketIoServer.PATH)) {
                    cors.headers(ctx);
                    requestLimit.check(ctx);
                }
            });
            for (String path : List.of("/health", "/ws-status", "/metrics", "/api/*")) {
                javalin.routes.options(path, cors::preflight);
            }
            javalin.routes.get("/health", health::handle);
            javalin.routes.get("/ws-status", http::status);
            javalin.routes.get("/metrics", http::metrics);
            javalin.routes.get("/api/creators/{creatorId}/tips", http::tips);
            javalin.routes.get("/overlay/{creatorId}", http::overlay);
            javalin.routes.post(LiveSessionRoutes.PATH, liveSessions::start);
            javalin.routes.delete(LiveSessionRoutes.PATH, liveSessions::end);
            routeModules.forEach(module -> module.register(javalin.routes));
        });
        RevocationWatcher revocations = new RevocationWatcher(tokens, overlays::forget, jwt, registry, clock);
        Heartbeat heartbeat = new Heartbeat(registry, config.pongTimeout().toMillis());
        long ping = config.pingInterval().toMillis();
        long revocationCheck = config.revocationCheckInterval().toMillis();
        List<Runnable> startTasks = List.of(
                () -> scheduler.scheduleAtFixedRate(heartbeat::ping, ping, ping, TimeUnit.MILLISECONDS),
                () -> scheduler.scheduleAtFixedRate(() -> heartbeat.check(System.currentTimeMillis()), 1, 1,
                        TimeUnit.SECONDS),
                () -> scheduler.scheduleWithFixedDelay(revocations, revocationCheck, revocationCheck,
                        TimeUnit.MILLISECONDS),
                () -> scheduler.scheduleWithFixedDelay(rateLimiter::forgetIdle, 1, 1, TimeUnit.MINUTES),
                () -> scheduler.scheduleWithFixedDelay(requestLimit::forgetIdle, 1, 1, TimeUnit.MINUTES),
                () -> scheduler.scheduleWithFixedDelay(overlays::forgetExpired, 1, 1, TimeUnit.MINUTES));
        List<AutoCloseable> resources = new ArrayList<>(
                List.of(replayer, streamReplayer, logEnds, consumer, writers, kafkaProbe));
        resources.addAll(routeModules);
        return new GatewayApp(config, server, consumer, registry, socketIo, scheduler, startTasks, resources,
                List.copyOf(routeModules));
    }

    private static void awaitWriters(SocketWriters writers) {
        if (!writers.awaitWritten(WRITERS_LIMIT)) {
            log.warn("socket writers still busy after {} ms; polling on", WRITERS_LIMIT.toMillis());
        }
    }

    /**
     * Tip sockets are served by Jetty's core WebSocket layer in front of Javalin: a socket then keeps only its own
     * session and Jetty's connection, where Javalin's WebSocket contexts keep the whole upgrade request alive. Every
     * other request (HTTP; Socket.IO has its own handler in front) passes on to Javalin, which attaches its servlet
     * context below this handler.
     */
    private static Handler.Singleton tipSocketHandler(Server jetty, TipSockets sockets) {
        return new TipSocketHandler(WebSocketServerComponents.ensureWebSocketComponents(jetty), sockets);
    }

    /**
     * Starts the consumer a few records before the end of its topics, waits until it has read up to the end into
     * memory (so that the first replays after a restart are served from it), and opens the HTTP/WebSocket port.
     */
    public GatewayApp start() {
        consumer.start();
        if (!consumer.awaitWarm(WARM_LIMIT)) {
            log.warn("memory not warmed within {} s; opening the port anyway, replays read Kafka meanwhile",
                    WARM_LIMIT.toSeconds());
        }
        server.start(config.port());
        startTasks.forEach(Runnable::run);
        log.info("push gateway listening on port {}{}", port(), routeModules.stream()
                .map(module -> " with " + module.describe()).collect(Collectors.joining()));
        return this;
    }

    /** The port the server listens on; with GATEWAY_PORT=0 the one the system picked. */
    public int port() {
        return server.port();
    }

    /** Closes every socket with 1001, stops the server and the consumer. Does not close the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        for (ClientSession session : registry.sessions()) {
            session.close(1001, "gateway shutting down; reconnect with since");
        }
        socketIo.close();
        server.stop();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("push gateway stopped");
    }

    int socketIoClients() {
        return socketIo.clients();
    }

    int connectionCount() {
        return registry.size();
    }

    int connectionsOf(String creatorId) {
        return registry.sessionsOf(creatorId).size();
    }
}
