package io.chainpulse.gateway;

import io.chainpulse.gateway.feed.TipsConsumer;
import io.chainpulse.gateway.replay.KafkaReplayer;
import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.OverlayTokens;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push gateway: one Kafka consumer of the tips topic fans each event out to the WebSocket clients of its
 * creator. {@link #create} wires without connecting; {@link #start} reads the topic from its end and opens the port.
 */
public final class GatewayApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayApp.class);
    private static final int CONCURRENT_KAFKA_REPLAYS = 4;

    private final GatewayConfig config;
    private final Javalin server;
    private final TipsConsumer consumer;
    private final KafkaReplayer replayer;
    private final KafkaProbe kafkaProbe;
    private final SessionRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Heartbeat heartbeat;
    private final RevocationWatcher revocations;
    private final ConnectionRateLimiter rateLimiter;

    private GatewayApp(GatewayConfig config, Javalin server, TipsConsumer consumer, KafkaReplayer replayer,
            KafkaProbe kafkaProbe, SessionRegistry registry, ScheduledExecutorService scheduler,
            RevocationWatcher revocations, ConnectionRateLimiter rateLimiter) {
        this.config = config;
        this.server = server;
        this.consumer = consumer;
        this.replayer = replayer;
        this.kafkaProbe = kafkaProbe;
        this.registry = registry;
        this.scheduler = scheduler;
        this.heartbeat = new Heartbeat(registry);
        this.revocations = revocations;
        this.rateLimiter = rateLimiter;
    }

    /** Builds the gateway; nothing listens or polls until {@link #start()}. The database stays the caller's. */
    public static GatewayApp create(GatewayConfig config, Topics topics, Database database) {
        Clock clock = Clock.systemUTC();
        SessionRegistry registry = new SessionRegistry(config.replayBufferPerCreator());
        TipsConsumer consumer = new TipsConsumer(config.kafkaBootstrapServers(), topics.tips(), registry, clock);
        GatewayMetrics metrics = new GatewayMetrics(registry, consumer);
        KafkaReplayer replayer = new KafkaReplayer(config.kafkaBootstrapServers(), topics.tips(), clock,
                CONCURRENT_KAFKA_REPLAYS, outcome -> metrics.replay("kafka", outcome));
        KafkaProbe kafkaProbe = new KafkaProbe(config.kafkaBootstrapServers());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gateway-scheduler").daemon(true).factory());
        ConnectionRateLimiter rateLimiter = new ConnectionRateLimiter(config.connectionsPerIpPerMinute(), clock);
        OverlayTokens tokens = new OverlayTokens(database.jdbi());
        Optional<JwtVerifier> jwt = config.jwtSecret().map(secret -> new JwtVerifier(secret, clock));
        TipSockets sockets = new TipSockets(registry, replayer, config, metrics, rateLimiter, scheduler, clock);
        Authorizer overlays = new OverlayAuthorizer(tokens);
        Authorizer streamers = new StreamerAuthorizer(jwt, new CreatorRegistry(database.jdbi()));
        HealthRoute health = new HealthRoute(kafkaProbe, consumer, database, registry);
        HttpRoutes http = new HttpRoutes(tokens, new TipHistory(database.jdbi()), registry, metrics);
        Javalin server = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(config.maxInboundBytes());
                factory.setMaxBinaryMessageSize(config.maxInboundBytes());
                factory.setMaxFrameSize(config.maxInboundBytes());
                // the heartbeat decides when a client is dead; the idle timeout is only a backstop behind it
                factory.setIdleTimeout(config.pingInterval().multipliedBy(3).plus(config.pongTimeout()));
            });
            javalin.routes.get("/health", health::handle);
            javalin.routes.get("/ws-status", http::status);
            javalin.routes.get("/metrics", http::metrics);
            javalin.routes.get("/api/creators/{creatorId}/tips", http::tips);
            javalin.routes.get("/overlay/{creatorId}", http::overlay);
            javalin.routes.ws("/ws/overlay/{creatorId}", ws -> sockets.configure(ws, ChannelKind.OVERLAY, overlays));
            javalin.routes.ws("/ws/streamer/{creatorId}", ws -> sockets.configure(ws, ChannelKind.STREAMER, streamers));
            javalin.routes.ws("/ws/*", sockets::refuseUnknownChannel);
        });
        RevocationWatcher revocations = new RevocationWatcher(tokens, jwt, registry, clock);
        return new GatewayApp(config, server, consumer, replayer, kafkaProbe, registry, scheduler, revocations,
                rateLimiter);
    }

    /** Positions the consumer at the end of the tips topic, starts polling, and opens the HTTP/WebSocket port. */
    public GatewayApp start() {
        consumer.start();
        server.start(config.port());
        long ping = config.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(heartbeat::ping, ping, ping, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> heartbeat.dropStuckCloses(System.currentTimeMillis()), 1, 1,
                TimeUnit.SECONDS);
        long revocationCheck = config.revocationCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(revocations, revocationCheck, revocationCheck, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(rateLimiter::forgetIdle, 1, 1, TimeUnit.MINUTES);
        log.info("push gateway listening on port {}", port());
        return this;
    }

    /** The port the server listens on; with GATEWAY_PORT=0 the one the system picked. */
    public int port() {
        return server.port();
    }

    /** Closes every socket with 1001, stops the server and the consumer. Does not close the database. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        for (ClientSession session : registry.sessions()) {
            session.close(1001, "gateway shutting down; reconnect with since");
        }
        server.stop();
        replayer.close();
        consumer.close();
        kafkaProbe.close();
        log.info("push gateway stopped");
    }

    int connectionCount() {
        return registry.size();
    }

    int connectionsOf(String creatorId) {
        return registry.sessionsOf(creatorId).size();
    }
}
