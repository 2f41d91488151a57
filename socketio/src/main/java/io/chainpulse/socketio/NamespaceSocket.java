package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session connected to one namespace: encodes what the application sends, keeps the rooms it joined
 * (at most {@link SocketIoSettings#maxRoomsPerSocket}), and hands the client's events to the namespace's handler,
 * whose failures are logged and never end the session. Thread-safe.
 */
final class NamespaceSocket implements SocketIoSocket {
    private static final Logger log = LoggerFactory.getLogger(NamespaceSocket.class);

    private final String id;
    private final String namespace;
    private final EngineSocket engine;
    private final SocketIoClient client;
    private final SocketIoServer.Registered registered;
    private final SocketIoSettings settings;
    private final Set<String> rooms = new HashSet<>();
    private volatile boolean open = true;

    NamespaceSocket(String id, String namespace, EngineSocket engine, SocketIoClient client,
            SocketIoServer.Registered registered, SocketIoSettings settings) {
        this.id = id;
        this.namespace = namespace;
        this.engine = engine;
        this.client = client;
        this.registered = registered;
        this.settings = settings;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String remoteAddress() {
        return engine.remoteAddress();
    }

    @Override
    public boolean isOpen() {
        return open && engine.isOpen();
    }

    @Override
    public void emit(String event, JsonNode... args) {
        ArrayNode data = SocketIoClient.array().add(event);
        for (JsonNode arg : args) {
            data.add(arg);
        }
        send(SocketIoPacket.EVENT, null, data);
    }

    @Override
    public void emitBinary(String event, ArrayNode args, List<byte[]> attachments) {
        ArrayNode data = SocketIoClient.array().add(event);
        data.addAll(args);
        sendBinary(SocketIoPacket.BINARY_EVENT, null, data, attachments);
    }

    @Override
    public boolean sendEncoded(byte[] packet) {
        return open && engine.send(packet);
    }

    @Override
    public synchronized boolean join(String room) {
        if (!open) {
            return false;
        }
        if (rooms.contains(room)) {
            return true;
        }
        if (rooms.size() >= settings.maxRoomsPerSocket()) {
            return false;
        }
        rooms.add(room);
        registered.rooms().add(room, this);
        return true;
    }

    @Override
    public synchronized void leave(String room) {
        if (rooms.remove(room)) {
            registered.rooms().remove(room, this);
        }
    }

    @Override
    public synchronized Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    @Override
    public void disconnect() {
        if (open) {
            send(SocketIoPacket.DISCONNECT, null, null);
            client.disconnect(this);
        }
    }

    /** An event (or binary event, with its attachments) from the client. */
    void received(SocketIoPacket packet, List<byte[]> attachments) {
        ArrayNode args = ((ArrayNode) packet.data()).deepCopy();
        String name = args.remove(0).asText();
        Optional<SocketIoEvent.Ack> ack = packet.ackId().isPresent()
                ? Optional.of(new OnceAck(packet.ackId().getAsLong())) : Optional.empty();
        call(() -> registered.handler().event(this, new SocketIoEvent(name, args, attachments, ack)));
    }

    /** The socket left its namespace: its rooms are left, then the handler is told. */
    void ended() {
        open = false;
        synchronized (this) {
            for (String room : rooms) {
                registered.rooms().remove(room, this);
            }
            rooms.clear();
        }
        call(() -> registered.handler().disconnected(this));
    }

    void call(Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            log.warn("handler of namespace {} failed for socket {} from {}: {}", namespace, id, remoteAddress(),
                    e.toString(), e);
        }
    }

    void send(int type, Long ackId, JsonNode data) {
        engine.send(header(type, 0, ackId, data).getBytes(StandardCharsets.UTF_8));
    }

    private void sendBinary(int type, Long ackId, JsonNode data, List<byte[]> attachments) {
        List<EnginePackets.Outbound> packets = new ArrayList<>(attachments.size() + 1);
        packets.add(EnginePackets.Outbound.text(header(type, attachments.size(), ackId, data)
                .getBytes(StandardCharsets.UTF_8)));
        for (byte[] attachment : attachments) {
            packets.add(new EnginePackets.Outbound(attachment, true));
        }
        engine.send(packets);
    }

    private String header(int type, int attachments, Long ackId, JsonNode data) {
        StringBuilder packet = new StringBuilder().append(EnginePackets.MESSAGE).append(type);
        if (type == SocketIoPacket.BINARY_EVENT || type == SocketIoPacket.BINARY_ACK) {
            packet.append(attachments).append('-');
        }
        if (!"/".equals(namespace)) {
            packet.append(namespace).append(',');
        }
        if (ackId != null) {
            packet.append(ackId);
        }
        if (data != null) {
            packet.append(data);
        }
        return packet.toString();
    }

    private final class OnceAck implements SocketIoEvent.Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        OnceAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public void send(JsonNode... args) {
            if (sent.compareAndSet(false, true)) {
                ArrayNode data = SocketIoClient.array();
                for (JsonNode arg : args) {
                    data.add(arg);
                }
                NamespaceSocket.this.send(SocketIoPacket.ACK, ackId, data);
            }
        }

        @Override
        public void sendBinary(ArrayNode args, List<byte[]> attachments) {
            if (sent.compareAndSet(false, true)) {
                NamespaceSocket.this.sendBinary(SocketIoPacket.BINARY_ACK, ackId, args, attachments);
            }
        }
    }
}
