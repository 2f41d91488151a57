package io.chainpulse.gateway.session;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A socket refused after the handshake: it is closed with the refusal's code and reason as soon as it opens, since a
 * browser cannot read the status of a refused upgrade, only a close code.
 */
public final class RefusedSocket implements FrameHandler {
    private final Refusal refusal;
    private CoreSession socket;

    RefusedSocket(Refusal refusal) {
        this.refusal = refusal;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        socket = coreSession;
        callback.succeeded();
        coreSession.close(refusal.code(), refusal.reason(), Callback.NOOP);
        // read on, so that the client's answering close frame ends the connection
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        callback.succeeded();
        if (frame.getOpCode() != OpCode.CLOSE && socket.isInputOpen()) {
            socket.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        callback.succeeded();
    }
}
