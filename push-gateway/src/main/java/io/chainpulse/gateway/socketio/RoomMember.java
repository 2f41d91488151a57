package io.chainpulse.gateway.socketio;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.StreamFrame;
import io.chainpulse.gateway.session.ChannelMember;
import io.chainpulse.gateway.session.OrderedDelivery;

/**
 * A Socket.IO client in one address's room: stream events reach it in topic order, each position once, with what it
 * missed since its last id replayed first. Thread-safe: calls are serialized on this object and never block.
 */
final class RoomMember implements ChannelMember<StreamFrame> {
    private final String address;
    private final SocketIoClient client;
    private final OrderedDelivery<StreamFrame> delivery;
    private volatile boolean left;

    RoomMember(String address, SocketIoClient client) {
        this.address = address;
        this.client = client;
        this.delivery = new OrderedDelivery<>(frame -> true, frame -> client.sendPacket(frame.packet()));
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
        return !left && client.isOpen();
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
        delivery.endReplay(() -> client.emit("stream-recovered", body -> body.put("roomName", roomName())
                .put("userAddress", address).put("since", since.toString()).put("recovered", true)
                .put("events", events)));
    }

    @Override
    public synchronized void unavailable(Cursor since, String reason) {
        delivery.abandonReplay(since, () -> client.emit("stream-replay-unavailable", body -> body
                .put("roomName", roomName()).put("userAddress", address).put("since", since.toString())
                .put("recovered", false).put("reason", reason)
                .put("action", "reload the streams of this address; live events follow this message")));
    }
}
