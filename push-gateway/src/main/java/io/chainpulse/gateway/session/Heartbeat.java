package io.chainpulse.gateway.session;


/**
 * Pings every open socket, closes a socket whose pong is late (a dead network or a client that stopped reading), and
 * drops the connections of sockets whose close went unanswered: a client that stopped reading never reads its close
 * frame.
 */
public final class Heartbeat {
    private static final long CLOSE_GRACE_MILLIS = 5_000;
    private static final int GOING_AWAY = 1001;

    private final SessionRegistry registry;
    private final long pongTimeoutMillis;

    public Heartbeat(SessionRegistry registry, long pongTimeoutMillis) {
        this.registry = registry;
        this.pongTimeoutMillis = pongTimeoutMillis;
    }

    public void ping() {
        long now = System.currentTimeMillis();
        for (ClientSession session : registry.sessions()) {
            if (session.isOpen()) {
                try {
                    session.ping(now);
                } catch (RuntimeException e) {
                    session.close(1011, "ping failed");
                }
            }
        }
    }

    /** Closes sockets whose pong is overdue, and drops those whose close went unanswered; run every second. */
    public void check(long nowMillis) {
        for (ClientSession session : registry.sessions()) {
            if (session.isOpen() && session.pongOverdue(nowMillis, pongTimeoutMillis)) {
                session.close(GOING_AWAY, "no pong within " + pongTimeoutMillis + " ms; reconnect with since");
            }
            session.disconnectIfStuck(nowMillis, CLOSE_GRACE_MILLIS);
        }
    }
}
