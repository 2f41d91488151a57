package io.chainpulse.gateway;

import io.chainpulse.gateway.feed.TipsConsumer;
import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.chainpulse.store.OverlayTokens;
import io.javalin.Javalin;
import java.time.Clock;
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

    private final GatewayConfig config;
    private final Javalin server;
    private final TipsConsumer consumer;
    private final KafkaProbe kafkaProbe;
    private final SessionRegistry registry;
    private final ScheduledExecutorService scheduler;

    private GatewayApp(GatewayConfig config, Javalin server, TipsConsumer consumer, KafkaProbe kafkaProbe,
            SessionRegistry registry, ScheduledExecutorService scheduler) {
        this.config = config;
        this.server = server;
        this.consumer = consumer;
        this.kafkaProbe = kafkaProbe;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** Builds the gateway; nothing listens or polls until {@link #start()}. The database stays the caller's. */
    public static GatewayApp create(GatewayConfig config, Topics topics, Database database) {
        Clock clock = Clock.systemUTC();
        SessionRegistry registry = new SessionRegistry(config.replayBufferPerCreator());
        TipsConsumer consumer = new TipsConsumer(config.kafkaBootstrapServers(), topics.tips(), registry, clock);
        KafkaProbe kafkaProbe = new KafkaProbe(config.kafkaBootstrapServers());
        TipSockets sockets = new TipSockets(registry, config, clock);
        Authorizer overlays = new OverlayAuthorizer(new OverlayTokens(database.jdbi()));
        HealthRoute health = new HealthRoute(kafkaProbe, consumer, database, registry);
        Javalin server = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(config.maxInboundBytes());
                factory.setMaxBinaryMessageSize(config.maxInboundBytes());
                // the heartbeat decides when a client is dead; the idle timeout is only a backstop behind it
                factory.setIdleTimeout(config.pingInterval().multipliedBy(3).plus(config.pongTimeout()));
            });
            javalin.routes.get("/health", health::handle);
            javalin.routes.ws("/ws/overlay/{creatorId}", ws -> sockets.configure(ws, ChannelKind.OVERLAY, overlays));
        });
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gateway-scheduler").daemon(true).factory());
        return new GatewayApp(config, server, consumer, kafkaProbe, registry, scheduler);
    }

    /** Positions the consumer at the end of the tips topic, starts polling, and opens the HTTP/WebSocket port. */
    public GatewayApp start() {
        consumer.start();
        server.start(config.port());
        long ping = config.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(new Heartbeat(registry), ping, ping, TimeUnit.MILLISECONDS);
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
