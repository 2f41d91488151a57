package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO side of one Engine.IO session: connects it to the namespaces it asks for, puts binary packets back
 * together with their attachments, and hands each event to its namespace. A packet that breaks the protocol (bad
 * format, an event for a namespace it has not connected, a second connect, an unannounced attachment) closes the
 * session. Inbound calls are serialized on this object; sends go straight to the Engine.IO session.
 */
final class SocketIoClient {
    private static final Logger log = LoggerFactory.getLogger(SocketIoClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineSocket engine;
    private final Function<String, SocketIoServer.Registered> namespaces;
    private final SocketIoSettings settings;
    private final Map<String, NamespaceSocket> connected = new ConcurrentHashMap<>();
    private SocketIoPacket awaiting;
    private List<byte[]> attachments;
    private long attachmentBytes;

    SocketIoClient(EngineSocket engine, Function<String, SocketIoServer.Registered> namespaces,
            SocketIoSettings settings) {
        this.engine = engine;
        this.namespaces = namespaces;
        this.settings = settings;
    }

    /** True once a namespace is connected (the server closes sessions that connect none in time). */
    boolean hasConnected() {
        return !connected.isEmpty();
    }

    /** One Engine.IO text message from the client. */
    synchronized void onText(String text) {
        if (awaiting != null) {
            refuse("expected a binary attachment");
            return;
        }
        SocketIoPacket packet;
        try {
            packet = SocketIoPacket.parse(text);
        } catch (IllegalArgumentException e) {
            refuse("bad Socket.IO packet: " + e.getMessage());
            return;
        }
        if (packet.attachments() > 0) {
            awaiting = packet;
            attachments = new ArrayList<>(packet.attachments());
            attachmentBytes = 0;
            return;
        }
        dispatch(packet, List.of());
    }

    /** One Engine.IO binary message: the next attachment of the binary packet announced before. */
    synchronized void onBinary(byte[] data) {
        if (awaiting == null) {
            refuse("binary message without a binary packet announcing it");
            return;
        }
        attachmentBytes += data.length;
        if (attachmentBytes > settings.maxPayload()) {
            refuse("attachments larger than " + settings.maxPayload() + " bytes");
            return;
        }
        attachments.add(data);
        if (attachments.size() == awaiting.attachments()) {
            SocketIoPacket packet = awaiting;
            List<byte[]> complete = List.copyOf(attachments);
            awaiting = null;
            attachments = null;
            dispatch(packet, complete);
        }
    }

    private void dispatch(SocketIoPacket packet, List<byte[]> binary) {
        NamespaceSocket socket = connected.get(packet.namespace());
        if (packet.type() == SocketIoPacket.CONNECT) {
            if (socket != null) {
                refuse("second connect to " + packet.namespace());
            } else {
                connect(packet);
            }
            return;
        }
        if (socket == null) {
            refuse("packet for namespace " + packet.namespace() + ", which is not connected");
            return;
        }
        switch (packet.type()) {
            case SocketIoPacket.DISCONNECT -> disconnect(socket);
            case SocketIoPacket.EVENT, SocketIoPacket.BINARY_EVENT -> socket.received(packet, binary);
            default -> { } // acks: this server asks for none
        }
    }

    private void connect(SocketIoPacket packet) {
        String namespace = packet.namespace();
        SocketIoServer.Registered registered = namespaces.apply(namespace);
        if (registered == null) {
            String prefix = "/".equals(namespace) ? "" : namespace + ",";
            String error = JSON.createObjectNode().put("message", "Invalid namespace").toString();
            engine.send(("44" + prefix + error).getBytes(StandardCharsets.UTF_8));
            return;
        }
        NamespaceSocket socket = new NamespaceSocket(SocketIoServer.newId(), namespace, engine, this, registered, settings);
        connected.put(namespace, socket);
        socket.send(SocketIoPacket.CONNECT, null, JSON.createObjectNode().put("sid", socket.id()));
        JsonNode auth = packet.data() == null ? JSON.createObjectNode() : packet.data();
        socket.call(() -> registered.handler().connected(socket, auth));
    }

    /** The client or the application disconnected {@code socket} from its namespace. */
    void disconnect(NamespaceSocket socket) {
        if (connected.remove(socket.namespace(), socket)) {
            socket.ended();
        }
    }

    /** The session ended: every namespace socket ends. */
    void closed() {
        for (NamespaceSocket socket : List.copyOf(connected.values())) {
            disconnect(socket);
        }
    }

    private void refuse(String reason) {
        log.debug("closing Socket.IO session {} from {}: {}", engine.sid(), engine.remoteAddress(), reason);
        engine.close(1008, reason.length() > 100 ? reason.substring(0, 100) : reason, false);
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }
}
