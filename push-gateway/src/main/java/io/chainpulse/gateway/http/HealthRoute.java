package io.chainpulse.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.feed.LiveConsumer;
import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import io.chainpulse.socketio.SocketIoServer;
import io.chainpulse.store.Database;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code GET /health}: 200 when Kafka and PostgreSQL answer and the consumer polls, else 503, in the original
 * StellarStream backend's shape ({@code status}, {@code message}, {@code websocket}, {@code connectedUsers}) with the
 * gateway's own checks and counts beside it. The answer is at most {@value #MAX_AGE_MILLIS} ms old: however many
 * requests come, Kafka and PostgreSQL are asked at most once a second. Thread-safe.
 */
public final class HealthRoute {
    static final long MAX_AGE_MILLIS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProbe kafka;
    private final LiveConsumer consumer;
    private final Database database;
    private final SessionRegistry registry;
    private final SocketIoServer socketIo;
    private volatile Answer last;

    private record Answer(int status, byte[] body, long atNanos) {}

    public HealthRoute(KafkaProbe kafka, LiveConsumer consumer, Database database, SessionRegistry registry,
            SocketIoServer socketIo) {
        this.kafka = kafka;
        this.consumer = consumer;
        this.database = database;
        this.registry = registry;
        this.socketIo = socketIo;
    }

    public void handle(Context ctx) throws JsonProcessingException {
        Answer answer = current();
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }

    private Answer current() throws JsonProcessingException {
        Answer known = last;
        if (known != null && System.nanoTime() - known.atNanos() < MAX_AGE_MILLIS * 1_000_000) {
            return known;
        }
        synchronized (this) {
            known = last;
            if (known != null && System.nanoTime() - known.atNanos() < MAX_AGE_MILLIS * 1_000_000) {
                return known;
            }
            last = probe();
            return last;
        }
    }

    private Answer probe() throws JsonProcessingException {
        boolean kafkaUp = kafka.isReachable();
        boolean polling = consumer.isPolling(Duration.ofSeconds(10));
        boolean postgresUp = database.isReachable();
        boolean healthy = kafkaUp && polling && postgresUp;
        var sessions = registry.sessions();
        long creators = sessions.stream().map(ClientSession::creatorId).distinct().count();
        ObjectNode body = JSON.createObjectNode()
                .put("status", healthy ? "ok" : "unavailable")
                .put("message", healthy ? "ChainPulse push gateway is running"
                        : "ChainPulse push gateway is running but cannot serve: see kafka and postgres")
                .put("websocket", true)
                .put("connectedUsers", socketIo.rooms() + creators);
        body.putObject("kafka").put("up", kafkaUp).put("consumerPolling", polling);
        body.putObject("postgres").put("up", postgresUp);
        ObjectNode connections = body.putObject("connections").put("total", sessions.size());
        for (ChannelKind kind : ChannelKind.values()) {
            connections.put(kind.label(), sessions.stream().filter(session -> session.kind() == kind).count());
        }
        body.putObject("socketIo").put("clients", socketIo.clients()).put("rooms", socketIo.rooms());
        return new Answer(healthy ? 200 : 503, JSON.writeValueAsBytes(body), System.nanoTime());
    }
}
