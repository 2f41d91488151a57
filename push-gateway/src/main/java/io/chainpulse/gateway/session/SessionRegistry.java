package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.TipFrame;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open tip sockets, and the per-creator channels that fan tips out to them (see {@link Channels} for the
 * hand-over rule). Thread-safe.
 */
public final class SessionRegistry {
    private final Channels<TipFrame> channels;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();

    public SessionRegistry(int recentPerCreator) {
        this.channels = new Channels<>(recentPerCreator);
    }

    /** Where the live consumer publishes tips. */
    public Channels<TipFrame> channels() {
        return channels;
    }

    /** Counts a socket as open; it receives nothing until attached to its channel (here or by a replay). */
    public void register(ClientSession session) {
        sessions.add(session);
    }

    /** Registers a socket that wants live events only. */
    public void attach(ClientSession session) {
        sessions.add(session);
        channels.attach(session);
    }

    /** Removes a socket; safe to call more than once (close and error both call it). */
    public void detach(ClientSession session) {
        sessions.remove(session);
        channels.detach(session);
    }

    public List<ClientSession> sessions() {
        return List.copyOf(sessions);
    }

    public List<ClientSession> sessionsOf(String creatorId) {
        return sessions.stream().filter(session -> session.creatorId().equals(creatorId)).toList();
    }

    public int size() {
        return sessions.size();
    }
}
