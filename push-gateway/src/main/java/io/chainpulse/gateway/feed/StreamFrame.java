package io.chainpulse.gateway.feed;

import java.util.Objects;

/**
 * One StellarStream event as pushed to Socket.IO rooms: the Engine.IO message carrying the Socket.IO event
 * ({@code 42["new-stream",{…}]}), serialized once, and the address whose room receives it. The same bytes go to
 * every member of the room, over either transport.
 */
public record StreamFrame(String address, Cursor cursor, String event, byte[] packet) implements Frame {
    public StreamFrame {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(packet, "packet");
    }

    @Override
    public String key() {
        return address;
    }
}
