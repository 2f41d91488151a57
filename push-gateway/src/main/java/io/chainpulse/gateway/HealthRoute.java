package io.chainpulse.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.feed.LiveConsumer;
import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.SessionRegistry;
import io.chainpulse.socketio.SocketIoServer;
import io.chainpulse.store.Database;
import io.javalin.http.Context;
import java.time.Duration;

/** {@code GET /health}: 200 when Kafka and PostgreSQL answer and the consumer polls, else 503; with socket counts. */
final class HealthRoute {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProbe kafka;
    private final LiveConsumer consumer;
    private final Database database;
    private final SessionRegistry registry;
    private final SocketIoServer socketIo;

    HealthRoute(KafkaProbe kafka, LiveConsumer consumer, Database database, SessionRegistry registry,
            SocketIoServer socketIo) {
        this.kafka = kafka;
        this.consumer = consumer;
        this.database = database;
        this.registry = registry;
        this.socketIo = socketIo;
    }

    void handle(Context ctx) throws Exception {
        boolean kafkaUp = kafka.isReachable();
        boolean polling = consumer.isPolling(Duration.ofSeconds(10));
        boolean postgresUp = database.isReachable();
        boolean healthy = kafkaUp && polling && postgresUp;
        ObjectNode body = JSON.createObjectNode().put("status", healthy ? "ok" : "unavailable");
        body.putObject("kafka").put("up", kafkaUp).put("consumerPolling", polling);
        body.putObject("postgres").put("up", postgresUp);
        body.put("websocket", true);
        ObjectNode connections = body.putObject("connections").put("total", registry.size());
        for (ChannelKind kind : ChannelKind.values()) {
            connections.put(kind.label(), registry.sessions().stream().filter(s -> s.kind() == kind).count());
        }
        body.putObject("socketIo").put("clients", socketIo.clients()).put("rooms", socketIo.rooms());
        ctx.status(healthy ? 200 : 503).contentType("application/json").result(JSON.writeValueAsString(body));
    }
}
