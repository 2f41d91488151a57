package io.chainpulse.gateway;

import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * Pings every open socket, and drops the connections of sockets whose close went unanswered: a client that stopped
 * reading never reads its close frame.
 */
final class Heartbeat {
    private static final long CLOSE_GRACE_MILLIS = 5_000;

    private final SessionRegistry registry;

    Heartbeat(SessionRegistry registry) {
        this.registry = registry;
    }

    void ping() {
        for (ClientSession session : registry.sessions()) {
            if (session.isOpen()) {
                try {
                    session.socket().sendPing(ByteBuffer.allocate(0), Callback.NOOP);
                } catch (RuntimeException e) {
                    session.close(1011, "ping failed");
                }
            }
        }
    }

    void dropStuckCloses(long nowMillis) {
        for (ClientSession session : registry.sessions()) {
            session.disconnectIfStuck(nowMillis, CLOSE_GRACE_MILLIS);
        }
    }
}
