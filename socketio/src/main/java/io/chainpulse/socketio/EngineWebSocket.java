package io.chainpulse.socketio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WebSocket at {@code /socket.io/}: a new session when the request has no sid, else the upgrade probe of a polling
 * session. Fragmented messages are put together up to the payload limit (over it the session closes with 1009), and
 * each message is one Engine.IO packet. Frames of one socket arrive one at a time (the next is demanded after the
 * last is handled).
 */
final class EngineWebSocket implements FrameHandler {
    private final SocketIoServer server;
    private final String sid;
    private final String remoteAddress;
    private final boolean originAllowed;
    private CoreSession webSocket;
    private EngineSocket session;
    private ByteArrayOutputStream message;
    private boolean binaryMessage;

    EngineWebSocket(SocketIoServer server, String sid, String remoteAddress, boolean originAllowed) {
        this.server = server;
        this.sid = sid;
        this.remoteAddress = remoteAddress;
        this.originAllowed = originAllowed;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        webSocket = coreSession;
        callback.succeeded();
        if (!originAllowed) {
            coreSession.close(1008, "origin not allowed", Callback.NOOP);
        } else if (sid == null) {
            openSession(coreSession);
        } else {
            EngineSocket polling = server.session(sid);
            if (polling != null && polling.probeWith(coreSession)) {
                session = polling;
            } else {
                coreSession.close(1008, "Session ID unknown or not upgradable", Callback.NOOP);
            }
        }
        coreSession.demand();
    }

    private void openSession(CoreSession coreSession) {
        if (!server.admission().connectionAllowed(remoteAddress)) {
            coreSession.close(1013, "too many connections from this address", Callback.NOOP);
            return;
        }
        EngineSocket created = server.open(EngineSocket.Transport.WEBSOCKET, remoteAddress);
        created.useWebSocket(coreSession);
        session = created;
        created.send(server.handshake(created.sid(), false));
        created.startHeartbeat();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY -> {
                message = new ByteArrayOutputStream();
                binaryMessage = frame.getOpCode() == OpCode.BINARY;
                append(frame);
            }
            case OpCode.CONTINUATION -> {
                if (message != null) {
                    append(frame);
                }
            }
            case OpCode.PING -> webSocket.sendFrame(new Frame(OpCode.PONG).setPayload(BufferUtil.copy(frame.getPayload())),
                    Callback.NOOP, false);
            case OpCode.CLOSE -> {
                callback.succeeded();
                return;
            }
            default -> { }
        }
        callback.succeeded();
        if (webSocket.isInputOpen()) {
            webSocket.demand();
        }
    }

    private void append(Frame frame) {
        ByteBuffer payload = frame.getPayload();
        int length = payload == null ? 0 : payload.remaining();
        if (message.size() + length > server.settings().maxPayload()) {
            message = null;
            if (session != null) {
                session.close(1009, "message larger than maxPayload", false);
            } else {
                webSocket.close(1009, "message larger than maxPayload", Callback.NOOP);
            }
            return;
        }
        if (length > 0) {
            byte[] bytes = new byte[length];
            payload.slice().get(bytes);
            message.writeBytes(bytes);
        }
        if (frame.isFin()) {
            byte[] complete = message.toByteArray();
            message = null;
            if (session != null) {
                InboundPackets.receive(session, binaryMessage ? EnginePackets.Inbound.binary(complete)
                        : EnginePackets.Inbound.text(new String(complete, StandardCharsets.UTF_8)),
                        session.isProbe(webSocket));
            }
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        gone();
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        gone();
        callback.succeeded();
    }

    private void gone() {
        EngineSocket ended = session;
        if (ended == null) {
            return;
        }
        if (ended.isProbe(webSocket)) {
            ended.probeFailed();
        } else if (ended.transport() == EngineSocket.Transport.WEBSOCKET) {
            ended.close(1000, "transport closed", false);
        }
    }
}
