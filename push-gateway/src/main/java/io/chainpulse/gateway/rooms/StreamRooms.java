package io.chainpulse.gateway.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.StreamFrame;
import io.chainpulse.gateway.replay.KafkaReplayer;
import io.chainpulse.gateway.session.Channels;
import io.chainpulse.socketio.Namespace;
import io.chainpulse.socketio.SocketIoEvent;
import io.chainpulse.socketio.SocketIoSocket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The main Socket.IO namespace of the gateway, the {@code stream-{address}} rooms: {@code join-stream-room(address)}
 * or {@code join-stream-room({address, since})} joins the room and answers {@code joined-room {userAddress,
 * roomName}}; {@code leave-stream-room(address)} answers {@code left-room}. Each stream event goes to the room of its
 * record's address; a client that joins with the id of the last event it saw gets what it missed first, from memory
 * or Kafka (such a join counts against its address's connection rate). A bad address or cursor, a room past
 * SOCKETIO_MAX_ROOMS_PER_SOCKET, or a replay over the rate is answered {@code room-error {event, message}}. Other
 * events are ignored. Thread-safe.
 */
public final class StreamRooms implements Namespace {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String JOIN = "join-stream-room";
    private static final String LEAVE = "leave-stream-room";

    private final Channels<StreamFrame> channels;
    private final KafkaReplayer<StreamFrame> replayer;
    private final Predicate<String> replayAllowed;
    private final int maxRoomsPerSocket;
    private final Map<SocketIoSocket, Map<String, RoomMember>> joined = new ConcurrentHashMap<>();

    /** @param replayAllowed remote address of a join with {@code since}: within its connection rate */
    public StreamRooms(Channels<StreamFrame> channels, KafkaReplayer<StreamFrame> replayer,
            Predicate<String> replayAllowed, int maxRoomsPerSocket) {
        this.channels = channels;
        this.replayer = replayer;
        this.replayAllowed = replayAllowed;
        this.maxRoomsPerSocket = maxRoomsPerSocket;
    }

    static String roomName(String address) {
        return "stream-" + address;
    }

    @Override
    public void connected(SocketIoSocket socket, JsonNode auth) {
        joined.put(socket, new ConcurrentHashMap<>());
    }

    @Override
    public void event(SocketIoSocket socket, SocketIoEvent event) {
        switch (event.name()) {
            case JOIN -> join(socket, event);
            case LEAVE -> leave(socket, event);
            default -> { }
        }
    }

    @Override
    public void disconnected(SocketIoSocket socket) {
        Map<String, RoomMember> members = joined.remove(socket);
        if (members != null) {
            members.values().forEach(this::detach);
        }
    }

    private void join(SocketIoSocket socket, SocketIoEvent event) {
        JsonNode first = event.arg(0);
        String address = first != null && first.isObject() ? text(first.get("address")) : text(first);
        String sinceText = first != null && first.isObject() ? text(first.get("since")) : text(event.arg(1));
        if (address == null || !ADDRESS.matcher(address).matches()) {
            refuse(socket, JOIN, "address must be 1 to 128 letters, digits or ._:-", event);
            return;
        }
        Optional<Cursor> since = Optional.empty();
        if (sinceText != null && !sinceText.isEmpty()) {
            since = Cursor.parse(sinceText);
            if (since.isEmpty()) {
                refuse(socket, JOIN, "since must be the id of an event, <partition>-<offset>", event);
                return;
            }
        }
        Map<String, RoomMember> members = joined.get(socket);
        if (members == null) {
            return;
        }
        boolean known = members.containsKey(address);
        if (!known && since.isPresent() && !replayAllowed.test(socket.remoteAddress())) {
            refuse(socket, JOIN, "too many joins with since from this address; try again later", event);
            return;
        }
        if (!socket.join(roomName(address))) {
            refuse(socket, JOIN, "at most " + maxRoomsPerSocket + " rooms per client; leave one first", event);
            return;
        }
        ObjectNode reply = JSON.createObjectNode().put("userAddress", address).put("roomName", roomName(address));
        socket.emit("joined-room", reply);
        event.ack().ifPresent(ack -> ack.send(reply));
        RoomMember member = new RoomMember(address, socket);
        if (known || members.putIfAbsent(address, member) != null) {
            return;
        }
        if (since.isPresent()) {
            replayer.resume(member, since.get(), channels);
        } else {
            channels.attach(member);
        }
        // the socket may have gone while it joined: its disconnect did not see this member
        if (!socket.isOpen() && members.remove(address, member)) {
            detach(member);
        }
    }

    private void leave(SocketIoSocket socket, SocketIoEvent event) {
        JsonNode first = event.arg(0);
        String address = first != null && first.isObject() ? text(first.get("address")) : text(first);
        if (address == null || !ADDRESS.matcher(address).matches()) {
            refuse(socket, LEAVE, "address must be 1 to 128 letters, digits or ._:-", event);
            return;
        }
        Map<String, RoomMember> members = joined.get(socket);
        RoomMember member = members == null ? null : members.remove(address);
        if (member != null) {
            detach(member);
        }
        socket.leave(roomName(address));
        ObjectNode reply = JSON.createObjectNode().put("userAddress", address).put("roomName", roomName(address));
        socket.emit("left-room", reply);
        event.ack().ifPresent(ack -> ack.send(reply));
    }

    private void detach(RoomMember member) {
        member.leave();
        channels.detach(member);
    }

    private static void refuse(SocketIoSocket socket, String eventName, String message, SocketIoEvent event) {
        ObjectNode error = JSON.createObjectNode().put("event", eventName).put("message", message);
        socket.emit("room-error", error);
        event.ack().ifPresent(ack -> ack.send(error));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

}
