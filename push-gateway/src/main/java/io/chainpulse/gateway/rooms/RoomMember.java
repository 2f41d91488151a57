package io.chainpulse.gateway.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.StreamFrame;
import io.chainpulse.gateway.session.ChannelMember;
import io.chainpulse.gateway.session.OrderedDelivery;
import io.chainpulse.socketio.SocketIoSocket;

/**
 * A Socket.IO client in one address's room: stream events reach it in topic order, each position once, with what it
 * missed since its last id replayed first. Thread-safe: calls are serialized on this object and never block.
 */
final class RoomMember implements ChannelMember<StreamFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final SocketIoSocket socket;
    private final OrderedDelivery<StreamFrame> delivery;
    private volatile boolean left;

    RoomMember(String address, SocketIoSocket socket) {
        this.address = address;
        this.socket = socket;
        this.delivery = new OrderedDelivery<>(frame -> true, frame -> socket.sendEncoded(frame.packet()));
    }

    String roomName() {
        return StreamRooms.roomName(address);
    }

    void leave() {
        left = true;
    }

    @Override
    public String key() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return !left && socket.isOpen();
    }

    @Override
    public synchronized void deliver(StreamFrame frame) {
        delivery.deliver(frame);
    }

    @Override
    public synchronized void beginReplay(Cursor since) {
        delivery.beginReplay(since);
    }

    @Override
    public synchronized void replay(StreamFrame frame) {
        delivery.replay(frame);
    }

    @Override
    public synchronized void recovered(Cursor since, int events) {
        delivery.endReplay(() -> socket.emit("stream-recovered", JSON.createObjectNode().put("roomName", roomName())
                .put("userAddress", address).put("since", since.toString()).put("recovered", true)
                .put("events", events)));
    }

    @Override
    public synchronized void unavailable(Cursor since, String reason) {
        delivery.abandonReplay(since, () -> socket.emit("stream-replay-unavailable", JSON.createObjectNode()
                .put("roomName", roomName()).put("userAddress", address).put("since", since.toString())
                .put("recovered", false).put("reason", reason)
                .put("action", "reload the streams of this address; live events follow this message")));
    }
}
