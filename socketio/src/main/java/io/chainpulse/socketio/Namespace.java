package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the embedding application does with the sockets of one namespace. Calls for one socket come in the order its
 * packets arrived, on Jetty's threads (disconnects on the server's background threads); implementations must not
 * block.
 */
public interface Namespace {
    /** A client connected; {@code auth} is the payload of its connect packet ({@code {}} when it sent none). */
    default void connected(SocketIoSocket socket, JsonNode auth) {}

    /** An event from the client. */
    void event(SocketIoSocket socket, SocketIoEvent event);

    /** The socket left the namespace, or its session ended; its rooms are already left. */
    default void disconnected(SocketIoSocket socket) {}
}
