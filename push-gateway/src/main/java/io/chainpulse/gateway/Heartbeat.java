package io.chainpulse.gateway;

import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;

/** Pings every open socket; the pongs are what tell a live client from a dead connection. */
final class Heartbeat implements Runnable {
    private final SessionRegistry registry;

    Heartbeat(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        for (ClientSession session : registry.sessions()) {
            if (session.isOpen()) {
                session.socket().sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            }
        }
    }
}
