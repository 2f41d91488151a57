package io.chainpulse.gateway.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.feed.Cursor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The Socket.IO side of one Engine.IO session, main namespace only: {@code join-stream-room(address)} or
 * {@code join-stream-room({address, since})} joins room {@code stream-{address}} and answers {@code joined-room
 * {userAddress, roomName}}; {@code leave-stream-room(address)} answers {@code left-room}. Other events are ignored;
 * a malformed packet closes the session. Thread-safe.
 */
final class SocketIoClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final EngineSocket engine;
    private final StreamRooms rooms;
    private final String id;
    private final Map<String, RoomMember> joined = new ConcurrentHashMap<>();
    private volatile boolean connected;

    SocketIoClient(EngineSocket engine, StreamRooms rooms, String id) {
        this.engine = engine;
        this.rooms = rooms;
        this.id = id;
    }

    boolean isOpen() {
        return connected && engine.isOpen();
    }

    int roomCount() {
        return joined.size();
    }

    /** One Engine.IO message from the client. */
    void onMessage(String text) {
        SocketIoPacket packet;
        try {
            packet = SocketIoPacket.parse(text);
        } catch (IllegalArgumentException e) {
            engine.close(1008, "bad Socket.IO packet: " + e.getMessage());
            return;
        }
        switch (packet.type()) {
            case SocketIoPacket.CONNECT -> connect(packet.namespace());
            case SocketIoPacket.DISCONNECT -> {
                connected = false;
                leaveAll();
            }
            case SocketIoPacket.EVENT -> {
                if (connected && "/".equals(packet.namespace())) {
                    event(packet.data(), packet.ackId());
                }
            }
            case SocketIoPacket.ACK -> { }
            default -> engine.close(1008, "unexpected Socket.IO packet type " + packet.type());
        }
    }

    private void connect(String namespace) {
        if (!"/".equals(namespace)) {
            ObjectNode error = JSON.createObjectNode().put("message", "Invalid namespace");
            sendPacket(("44" + namespace + "," + error).getBytes(StandardCharsets.UTF_8));
            return;
        }
        connected = true;
        sendPacket(("40" + JSON.createObjectNode().put("sid", id)).getBytes(StandardCharsets.UTF_8));
    }

    private void event(JsonNode data, OptionalLong ackId) {
        String name = data.get(0).asText();
        JsonNode first = data.size() > 1 ? data.get(1) : null;
        JsonNode second = data.size() > 2 ? data.get(2) : null;
        switch (name) {
            case "join-stream-room" -> join(first, second, ackId);
            case "leave-stream-room" -> leave(first, ackId);
            default -> { }
        }
    }

    private void join(JsonNode first, JsonNode second, OptionalLong ackId) {
        String address = first != null && first.isObject() ? text(first.get("address")) : text(first);
        String sinceText = first != null && first.isObject() ? text(first.get("since")) : text(second);
        if (address == null || !ADDRESS.matcher(address).matches()) {
            refuse("join-stream-room", "address must be 1 to 128 letters, digits or ._:-", ackId);
            return;
        }
        Optional<Cursor> since = Optional.empty();
        if (sinceText != null && !sinceText.isEmpty()) {
            since = Cursor.parse(sinceText);
            if (since.isEmpty()) {
                refuse("join-stream-room", "since must be the id of an event, <partition>-<offset>", ackId);
                return;
            }
        }
        RoomMember member = new RoomMember(address, this);
        RoomMember existing = joined.putIfAbsent(address, member);
        ObjectNode reply = JSON.createObjectNode().put("userAddress", address).put("roomName", StreamRooms.roomName(address));
        emit("joined-room", reply);
        ackId.ifPresent(ack -> ack(ack, reply));
        if (existing == null) {
            rooms.join(member, since);
        }
    }

    private void leave(JsonNode first, OptionalLong ackId) {
        String address = first != null && first.isObject() ? text(first.get("address")) : text(first);
        if (address == null || !ADDRESS.matcher(address).matches()) {
            refuse("leave-stream-room", "address must be 1 to 128 letters, digits or ._:-", ackId);
            return;
        }
        RoomMember member = joined.remove(address);
        if (member != null) {
            rooms.leave(member);
        }
        ObjectNode reply = JSON.createObjectNode().put("userAddress", address).put("roomName", StreamRooms.roomName(address));
        emit("left-room", reply);
        ackId.ifPresent(ack -> ack(ack, reply));
    }

    private void refuse(String event, String message, OptionalLong ackId) {
        ObjectNode error = JSON.createObjectNode().put("event", event).put("message", message);
        emit("room-error", error);
        ackId.ifPresent(ack -> ack(ack, error));
    }

    /** Leaves every room; called when the session ends. */
    void leaveAll() {
        for (RoomMember member : List.copyOf(joined.values())) {
            joined.remove(member.key());
            rooms.leave(member);
        }
    }

    void emit(String event, Consumer<ObjectNode> body) {
        ObjectNode node = JSON.createObjectNode();
        body.accept(node);
        emit(event, node);
    }

    private void emit(String event, ObjectNode body) {
        ArrayNode args = JSON.createArrayNode().add(event).add(body);
        sendPacket(("42" + write(args)).getBytes(StandardCharsets.UTF_8));
    }

    private void ack(long ackId, ObjectNode body) {
        sendPacket(("43" + ackId + write(JSON.createArrayNode().add(body))).getBytes(StandardCharsets.UTF_8));
    }

    /** One Engine.IO packet, already encoded (a stream event's shared bytes, or a reply). */
    void sendPacket(byte[] packet) {
        engine.send(packet);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree of strings and numbers", e);
        }
    }
}
