package io.chainpulse.gateway.socketio;

import io.chainpulse.gateway.session.Outbox;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;

/**
 * One Engine.IO v4 session over HTTP long-polling or a WebSocket, and the upgrade from the first to the second:
 * the client probes the WebSocket ({@code 2probe}/{@code 3probe}), the pending poll is released with a noop, and on
 * {@code 5} everything still queued for polling moves to the WebSocket in order. Outbound packets wait in a bounded
 * queue; over the limit the session closes. Thread-safe: state changes are serialized on this object, and nothing
 * here blocks.
 */
final class EngineSocket {
    enum Transport { POLLING, WEBSOCKET }

    private final String sid;
    private final String remoteAddress;
    private final long maxQueuedBytes;
    private final Executor background;
    private final Consumer<EngineSocket> onClosed;
    private final ArrayDeque<byte[]> pollQueue = new ArrayDeque<>();
    private long pollQueuedBytes;
    private CompletableFuture<byte[]> pendingPoll;
    private Transport transport;
    private Session socket;
    private Outbox outbox;
    private Session probe;
    private Outbox probeOutbox;
    private boolean upgrading;
    private boolean closed;
    private volatile long awaitingPongSince;
    private volatile SocketIoClient client;

    EngineSocket(String sid, String remoteAddress, Transport transport, long maxQueuedBytes, Executor background,
            Consumer<EngineSocket> onClosed) {
        this.sid = sid;
        this.remoteAddress = remoteAddress;
        this.transport = transport;
        this.maxQueuedBytes = maxQueuedBytes;
        this.background = background;
        this.onClosed = onClosed;
    }

    String sid() {
        return sid;
    }

    String remoteAddress() {
        return remoteAddress;
    }

    void bind(SocketIoClient client) {
        this.client = client;
    }

    SocketIoClient client() {
        return client;
    }

    synchronized Transport transport() {
        return transport;
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    /** Makes {@code webSocket} this session's transport from the start (a client that skipped polling). */
    synchronized void useWebSocket(Session webSocket) {
        socket = webSocket;
        outbox = outboxOf(webSocket);
        transport = Transport.WEBSOCKET;
    }

    /** A WebSocket opened with this session's sid: a probe, until the client sends {@code 5}. */
    synchronized boolean probeWith(Session webSocket) {
        if (closed || transport != Transport.POLLING || probe != null) {
            return false;
        }
        probe = webSocket;
        probeOutbox = outboxOf(webSocket);
        return true;
    }

    boolean isProbe(Session webSocket) {
        synchronized (this) {
            return webSocket == probe;
        }
    }

    /** Queues one packet for the client; false when the session is closed or has just overflowed. */
    boolean send(byte[] packet) {
        boolean overflow = false;
        Outbox webSocketOutbox;
        synchronized (this) {
            if (closed) {
                return false;
            }
            webSocketOutbox = transport == Transport.WEBSOCKET ? outbox : null;
            if (webSocketOutbox != null) {
                // offered below, outside this lock: an overflow closes the session, which must not nest locks
            } else if (pollQueuedBytes + packet.length > maxQueuedBytes) {
                overflow = true;
            } else {
                pollQueue.add(packet);
                pollQueuedBytes += packet.length;
                releasePoll();
            }
        }
        if (webSocketOutbox != null) {
            return webSocketOutbox.offer(ByteBuffer.wrap(packet).asReadOnlyBuffer());
        }
        if (overflow) {
            close(1013, "outbound queue full; reconnect and rejoin with since");
            return false;
        }
        return true;
    }

    /**
     * A polling GET: answered at once when packets wait, else when the next one arrives. Empty when the request is
     * not allowed now (a second concurrent poll, or a session that moved to WebSocket).
     */
    synchronized Optional<CompletableFuture<byte[]>> poll() {
        if (closed) {
            return Optional.of(CompletableFuture.completedFuture(EnginePackets.CLOSE_PACKET));
        }
        if (transport != Transport.POLLING || pendingPoll != null) {
            return Optional.empty();
        }
        pendingPoll = new CompletableFuture<>();
        CompletableFuture<byte[]> answer = pendingPoll;
        if (!pollQueue.isEmpty()) {
            releasePoll();
        } else if (upgrading) {
            completePoll(EnginePackets.NOOP_PACKET);
        }
        return Optional.of(answer);
    }

    // holding this object's lock
    private void releasePoll() {
        if (pendingPoll == null || pollQueue.isEmpty()) {
            return;
        }
        List<byte[]> packets = new ArrayList<>(pollQueue);
        pollQueue.clear();
        pollQueuedBytes = 0;
        completePoll(EnginePackets.join(packets));
    }

    // holding this object's lock; the response is written on another thread so that publishers never write
    private void completePoll(byte[] body) {
        CompletableFuture<byte[]> answer = pendingPoll;
        pendingPoll = null;
        answer.completeAsync(() -> body, background);
    }

    /** The client answered the probe's ping: send pong, and release the pending poll so the client can pause it. */
    synchronized void probed() {
        if (probeOutbox == null) {
            return;
        }
        probeOutbox.offer(ByteBuffer.wrap(EnginePackets.of(EnginePackets.PONG, EnginePackets.PROBE)));
        upgrading = true;
        if (pendingPoll != null) {
            completePoll(EnginePackets.NOOP_PACKET);
        }
    }

    /** The client sent {@code 5} on the probe: from now on everything goes over the WebSocket, queued packets first. */
    synchronized void upgraded() {
        if (probe == null || closed) {
            return;
        }
        socket = probe;
        outbox = probeOutbox;
        probe = null;
        probeOutbox = null;
        transport = Transport.WEBSOCKET;
        upgrading = false;
        if (pendingPoll != null) {
            completePoll(EnginePackets.NOOP_PACKET);
        }
        for (byte[] packet : pollQueue) {
            outbox.offer(ByteBuffer.wrap(packet).asReadOnlyBuffer());
        }
        pollQueue.clear();
        pollQueuedBytes = 0;
    }

    /** The probe WebSocket went away before the upgrade: polling carries on. */
    synchronized void probeFailed() {
        if (probeOutbox != null) {
            probeOutbox.close();
        }
        probe = null;
        probeOutbox = null;
        upgrading = false;
    }

    /** Sends a ping unless one is unanswered; true when it was sent. */
    boolean ping(long nowMillis) {
        if (awaitingPongSince != 0) {
            return false;
        }
        awaitingPongSince = nowMillis;
        return send(EnginePackets.PING_PACKET);
    }

    void pongReceived() {
        awaitingPongSince = 0;
    }

    /** True when a ping has waited longer than {@code timeoutMillis} for its pong. */
    boolean pongOverdue(long nowMillis, long timeoutMillis) {
        long since = awaitingPongSince;
        return since != 0 && nowMillis - since > timeoutMillis;
    }

    synchronized long queuedBytes() {
        return transport == Transport.WEBSOCKET ? outbox.queuedBytes() : pollQueuedBytes;
    }

    /**
     * Ends the session: a pending poll gets the close packet, a WebSocket closes with {@code code}, and the
     * Socket.IO client leaves its rooms. Later calls do nothing.
     */
    void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pollQueue.clear();
            if (pendingPoll != null) {
                completePoll(EnginePackets.CLOSE_PACKET);
            }
            if (outbox != null) {
                outbox.close();
            }
            if (socket != null && socket.isOpen()) {
                socket.close(code, reason, Callback.NOOP);
            }
            if (probe != null && probe.isOpen()) {
                probe.close(code, reason, Callback.NOOP);
            }
        }
        // the client leaves its rooms on another thread: the caller may hold a room's lock
        background.execute(() -> onClosed.accept(this));
    }

    private Outbox outboxOf(Session webSocket) {
        Outbox outbox = new Outbox(maxQueuedBytes, new Outbox.Listener() {
            @Override
            public void sent() {}

            @Override
            public void overflowed() {
                close(1013, "outbound queue full; reconnect and rejoin with since");
            }
        }, Outbox.INLINE);
        outbox.open(((WebSocketSession) webSocket).getCoreSession());
        return outbox;
    }
}
