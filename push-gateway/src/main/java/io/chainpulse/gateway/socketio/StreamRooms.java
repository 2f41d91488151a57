package io.chainpulse.gateway.socketio;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.StreamFrame;
import io.chainpulse.gateway.replay.KafkaReplayer;
import io.chainpulse.gateway.session.Channels;
import java.util.Optional;

/**
 * The {@code stream-{address}} rooms: each stream event goes to the room of its record's address. A client that
 * joins with the id of the last event it saw gets what it missed first, from memory or Kafka. Thread-safe.
 */
public final class StreamRooms {
    private final Channels<StreamFrame> channels;
    private final KafkaReplayer<StreamFrame> replayer;

    public StreamRooms(Channels<StreamFrame> channels, KafkaReplayer<StreamFrame> replayer) {
        this.channels = channels;
        this.replayer = replayer;
    }

    static String roomName(String address) {
        return "stream-" + address;
    }

    void join(RoomMember member, Optional<Cursor> since) {
        if (since.isPresent()) {
            replayer.resume(member, since.get(), channels);
        } else {
            channels.attach(member);
        }
    }

    void leave(RoomMember member) {
        member.leave();
        channels.detach(member);
    }

    /** Rooms with at least one client. */
    public long occupied() {
        return channels.occupied();
    }
}
