package io.chainpulse.socketio;

import java.time.Duration;

/**
 * The limits of a {@link SocketIoServer}.
 *
 * @param pingInterval how long after the handshake, and after each pong, the server pings a session
 * @param pingTimeout a session whose pong comes later than this after the ping is closed
 * @param maxPayload the largest message a client may send, in bytes (a polling POST body, a WebSocket message)
 * @param maxQueuedBytes the bytes one session may leave unread before it is closed
 * @param maxRoomsPerSocket the rooms one namespace socket may be in at once
 * @param connectTimeout an Engine.IO session that has connected no namespace by then is closed
 */
public record SocketIoSettings(Duration pingInterval, Duration pingTimeout, int maxPayload, long maxQueuedBytes,
        int maxRoomsPerSocket, Duration connectTimeout) {
    /** Attachments one binary packet may announce (the reference parser's limit). */
    static final int MAX_ATTACHMENTS = 10;

    public SocketIoSettings {
        if (pingInterval.toMillis() < 1 || pingTimeout.toMillis() < 1 || connectTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("pingInterval, pingTimeout and connectTimeout must be positive");
        }
        if (maxPayload < 1 || maxQueuedBytes < 1 || maxRoomsPerSocket < 0) {
            throw new IllegalArgumentException("maxPayload and maxQueuedBytes must be positive, maxRoomsPerSocket >= 0");
        }
    }
}
