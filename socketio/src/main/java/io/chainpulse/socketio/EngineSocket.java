package io.chainpulse.socketio;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * One Engine.IO v4 session over HTTP long-polling or a WebSocket, and the upgrade from the first to the second:
 * the client probes the WebSocket ({@code 2probe}/{@code 3probe}), the pending poll is released with a noop, and on
 * {@code 5} everything still queued for polling moves to the WebSocket in order. Its {@link SessionHeartbeat} pings
 * it; a pong later than the ping timeout closes it. Outbound packets wait in a bounded queue ({@link PollingQueue},
 * {@link WebSocketOutbox}); over the limit the session closes. Thread-safe: state changes are serialized on
 * this object, and nothing here blocks.
 */
final class EngineSocket {
    enum Transport { POLLING, WEBSOCKET }

    /** The body of a poll that was pending when the session moved to WebSocket: answered 400 (compared by identity). */
    static final byte[] UPGRADED_BODY = new byte[0];

    private final String sid;
    private final String remoteAddress;
    private final SocketIoSettings settings;
    private final Consumer<EngineSocket> onClosed;
    private final PollingQueue polling;
    private Transport transport;
    private CoreSession socket;
    private WebSocketOutbox outbox;
    private CoreSession probe;
    private WebSocketOutbox probeOutbox;
    private boolean upgrading;
    private boolean closed;
    private boolean lingering;
    private final SessionHeartbeat heartbeat;
    private volatile SocketIoClient client;

    EngineSocket(String sid, String remoteAddress, Transport transport, SocketIoSettings settings, Executor background,
            ScheduledExecutorService timers, Consumer<EngineSocket> onClosed) {
        this.sid = sid;
        this.remoteAddress = remoteAddress;
        this.transport = transport;
        this.settings = settings;
        this.onClosed = onClosed;
        this.polling = new PollingQueue(this, settings.maxQueuedBytes(), background, timers);
        this.heartbeat = new SessionHeartbeat(settings, timers, () -> send(EnginePackets.PING_PACKET),
                () -> close(1011, "ping timeout", false));
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
    synchronized void useWebSocket(CoreSession webSocket) {
        socket = webSocket;
        outbox = outboxOf(webSocket);
        transport = Transport.WEBSOCKET;
    }

    /** A WebSocket opened with this session's sid: a probe, until the client sends {@code 5}. */
    synchronized boolean probeWith(CoreSession webSocket) {
        if (closed || transport != Transport.POLLING || probe != null) {
            return false;
        }
        probe = webSocket;
        probeOutbox = outboxOf(webSocket);
        return true;
    }

    synchronized boolean isProbe(CoreSession webSocket) {
        return webSocket == probe;
    }

    /** Queues one text packet for the client; false when the session is closed or has just overflowed. */
    boolean send(byte[] packet) {
        return send(List.of(EnginePackets.Outbound.text(packet)));
    }

    /** Queues packets that stay together (a binary packet and its attachments); false as for one. */
    boolean send(List<EnginePackets.Outbound> packets) {
        long size = packets.stream().mapToLong(EnginePackets.Outbound::size).sum();
        boolean overflow = false;
        WebSocketOutbox webSocketOutbox;
        synchronized (this) {
            if (closed) {
                return false;
            }
            webSocketOutbox = transport == Transport.WEBSOCKET ? outbox : null;
            if (webSocketOutbox != null) {
                // offered below, outside this lock: an overflow closes the session, which must not nest locks
            } else {
                overflow = !polling.offer(packets, size);
            }
        }
        if (webSocketOutbox != null) {
            return webSocketOutbox.offer(packets);
        }
        if (overflow) {
            close(1013, "outbound queue full", false);
            return false;
        }
        return true;
    }

    /** A polling GET: answered at once when packets wait, else when the next one arrives. */
    PollAnswer poll() {
        synchronized (this) {
            if (closed) {
                byte[] last = lingering ? EnginePackets.NOOP_PACKET : EnginePackets.CLOSE_PACKET;
                lingering = false;
                return new PollAnswer.Body(CompletableFuture.completedFuture(last));
            }
            if (!heartbeat.overdue(System.currentTimeMillis())) {
                return pollOpen();
            }
        }
        close(1011, "ping timeout", false);
        return new PollAnswer.Expired();
    }

    /** True while a session the client closed over polling waits for the poll its close packet overtook. */
    synchronized boolean lingering() {
        return lingering;
    }

    // holding this object's lock
    private PollAnswer pollOpen() {
        if (transport != Transport.POLLING) {
            return new PollAnswer.Upgraded();
        }
        if (polling.hasPending()) {
            return new PollAnswer.Overlapping();
        }
        return new PollAnswer.Body(polling.poll(upgrading));
    }

    /** The client answered the probe's ping: send pong, and release the pending poll so the client can pause it. */
    synchronized void probed() {
        if (probeOutbox == null) {
            return;
        }
        probeOutbox.offer(EnginePackets.Outbound.text(EnginePackets.of(EnginePackets.PONG, EnginePackets.PROBE)));
        upgrading = true;
        if (polling.hasPending()) {
            polling.noopSoon();
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
        polling.answerPending(UPGRADED_BODY);
        outbox.offer(polling.drain());
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

    /** Starts the heartbeat: the first ping one ping interval from now. */
    void startHeartbeat() {
        heartbeat.start();
    }

    /** A pong: the next ping follows one ping interval from now. */
    void pongReceived() {
        heartbeat.pong();
    }

    synchronized long queuedBytes() {
        return transport == Transport.WEBSOCKET ? outbox.queuedBytes() : polling.bytes();
    }

    /**
     * Ends the session: a pending poll gets the close packet (a noop when the client asked to close), a WebSocket
     * closes with {@code code}, and the Socket.IO client leaves its namespaces and rooms. A polling client's close
     * packet may overtake its own poll (another connection): then the session lingers so that poll gets its noop.
     * Later calls do nothing.
     */
    void close(int code, String reason, boolean byClient) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            polling.drain();
            heartbeat.stop();
            lingering = byClient && transport == Transport.POLLING && !polling.hasPending();
            polling.answerPending(byClient ? EnginePackets.NOOP_PACKET : EnginePackets.CLOSE_PACKET);
            if (outbox != null) {
                outbox.close();
            }
            if (probeOutbox != null) {
                probeOutbox.close();
            }
            if (socket != null && socket.isOutputOpen()) {
                socket.close(code, reason, Callback.NOOP);
            }
            if (probe != null && probe.isOutputOpen()) {
                probe.close(code, reason, Callback.NOOP);
            }
        }
        onClosed.accept(this);
    }

    private WebSocketOutbox outboxOf(CoreSession webSocket) {
        return new WebSocketOutbox(webSocket, settings.maxQueuedBytes(), () -> close(1013, "outbound queue full", false));
    }
}
