package io.chainpulse.socketio;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms of one namespace: a room exists while it has a member and is removed with its last one, so what clients
 * join costs memory only while they stay. Thread-safe.
 */
final class Rooms {
    private final Map<String, Set<SocketIoSocket>> members = new ConcurrentHashMap<>();

    void add(String room, SocketIoSocket socket) {
        members.compute(room, (name, sockets) -> {
            Set<SocketIoSocket> present = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            present.add(socket);
            return present;
        });
    }

    void remove(String room, SocketIoSocket socket) {
        members.computeIfPresent(room, (name, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** The members of {@code room} now (empty when it has none). */
    List<SocketIoSocket> of(String room) {
        Set<SocketIoSocket> sockets = members.get(room);
        return sockets == null ? List.of() : List.copyOf(sockets);
    }

    int size() {
        return members.size();
    }
}
