package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Set;

/**
 * One client connected to one namespace. Sends never block: packets wait in the session's bounded queue, and a client
 * that leaves too much unread is disconnected. Thread-safe.
 */
public interface SocketIoSocket {
    /** The Socket.IO id of this socket (not the Engine.IO session id). */
    String id();

    String namespace();

    /** The client's IP address as the server saw it. */
    String remoteAddress();

    boolean isOpen();

    /** Emits {@code event} with {@code args}. */
    void emit(String event, JsonNode... args);

    /**
     * Emits {@code event} with {@code args} in which {@code {"_placeholder":true,"num":i}} stands for attachment i; the
     * attachments follow as binary messages.
     */
    void emitBinary(String event, ArrayNode args, List<byte[]> attachments);

    /**
     * Sends an event packet encoded once for many sockets: {@code 42["event",…]} for the main namespace (see
     * {@link SocketIoServer#encodeEvent}). False when the socket is closed or its queue just overflowed.
     */
    boolean sendEncoded(byte[] packet);

    /**
     * Joins {@code room}; false when the socket is already in {@link SocketIoSettings#maxRoomsPerSocket} rooms (it
     * stays in those). Joining a room it is in is true and changes nothing.
     */
    boolean join(String room);

    void leave(String room);

    Set<String> rooms();

    /** Disconnects this socket from its namespace (the Engine.IO session stays). */
    void disconnect();
}
