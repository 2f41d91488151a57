package io.chainpulse.socketio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * One Engine.IO v4 session over HTTP long-polling or a WebSocket, and the upgrade from the first to the second:
 * the client probes the WebSocket ({@code 2probe}/{@code 3probe}), the pending poll is released with a noop, and on
 * {@code 5} everything still queued for polling moves to the WebSocket in order. The server pings one ping interval
 * after the handshake and one after each pong; a pong later than the ping timeout closes the session. Outbound
 * packets wait in a bounded queue; over the limit the session closes. Thread-safe: state changes are serialized on
 * this object, and nothing here blocks.
 */
final class EngineSocket {
    enum Transport { POLLING, WEBSOCKET }

    /** The body of a poll that was pending when the session moved to WebSocket: answered 400 (compared by identity). */
    static final byte[] UPGRADED_BODY = new byte[0];
    /** How long a poll pending during the probe waits before its noop: the client's {@code 5} may come first. */
    private static final long PROBE_NOOP_DELAY_MILLIS = 100;

    /** What a polling GET gets: a body to answer with later, or a refusal now. */
    sealed interface Poll {
        record Answer(CompletableFuture<byte[]> body) implements Poll {}

        /** A second poll while one is pending: the session is closed. */
        record Overlapping() implements Poll {}

        /** The session moved to WebSocket: the request is refused, the session lives on. */
        record Upgraded() implements Poll {}

        /** The pong is overdue: the session is closed now rather than at its timer. */
        record Expired() implements Poll {}
    }

    private final String sid;
    private final String remoteAddress;
    private final SocketIoSettings settings;
    private final Executor background;
    private final ScheduledExecutorService timers;
    private final Consumer<EngineSocket> onClosed;
    private final ArrayDeque<EnginePackets.Outbound> pollQueue = new ArrayDeque<>();
    private long pollQueuedBytes;
    private CompletableFuture<byte[]> pendingPoll;
    private Transport transport;
    private CoreSession socket;
    private WebSocketOutbox outbox;
    private CoreSession probe;
    private WebSocketOutbox probeOutbox;
    private boolean upgrading;
    private boolean closed;
    private boolean lingering;
    private long pingSentMillis;
    private ScheduledFuture<?> heartbeat;
    private volatile SocketIoClient client;

    EngineSocket(String sid, String remoteAddress, Transport transport, SocketIoSettings settings, Executor background,
            ScheduledExecutorService timers, Consumer<EngineSocket> onClosed) {
        this.sid = sid;
        this.remoteAddress = remoteAddress;
        this.transport = transport;
        this.settings = settings;
        this.background = background;
        this.timers = timers;
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
        return send(EnginePackets.Outbound.text(packet));
    }

    /** Queues one packet for the client; false when the session is closed or has just overflowed. */
    boolean send(EnginePackets.Outbound packet) {
        return send(List.of(packet));
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
            } else if (pollQueuedBytes + size > settings.maxQueuedBytes()) {
                overflow = true;
            } else {
                pollQueue.addAll(packets);
                pollQueuedBytes += size;
                releasePoll();
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
    Poll poll() {
        synchronized (this) {
            if (closed) {
                byte[] last = lingering ? EnginePackets.NOOP_PACKET : EnginePackets.CLOSE_PACKET;
                lingering = false;
                return new Poll.Answer(CompletableFuture.completedFuture(last));
            }
            if (pingSentMillis == 0 || System.currentTimeMillis() - pingSentMillis < settings.pingTimeout().toMillis()) {
                return pollOpen();
            }
        }
        close(1011, "ping timeout", false);
        return new Poll.Expired();
    }

    /** True while a session the client closed over polling waits for the poll its close packet overtook. */
    synchronized boolean lingering() {
        return lingering;
    }

    // holding this object's lock
    private Poll pollOpen() {
        if (transport != Transport.POLLING) {
            return new Poll.Upgraded();
        }
        if (pendingPoll != null) {
            return new Poll.Overlapping();
        }
        pendingPoll = new CompletableFuture<>();
        CompletableFuture<byte[]> answer = pendingPoll;
        if (!pollQueue.isEmpty()) {
            releasePoll();
        } else if (upgrading) {
            noopSoon();
        }
        return new Poll.Answer(answer);
    }

    // holding this object's lock
    private void releasePoll() {
        if (pendingPoll == null || pollQueue.isEmpty()) {
            return;
        }
        List<EnginePackets.Outbound> packets = new ArrayList<>(pollQueue);
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
        probeOutbox.offer(EnginePackets.Outbound.text(EnginePackets.of(EnginePackets.PONG, EnginePackets.PROBE)));
        upgrading = true;
        if (pendingPoll != null) {
            noopSoon();
        }
    }

    // holding this object's lock: the pending poll gets a noop a little later, unless the upgrade ends it first (as
    // the reference server's check interval does)
    private void noopSoon() {
        CompletableFuture<byte[]> poll = pendingPoll;
        timers.schedule(() -> {
            synchronized (this) {
                if (pendingPoll == poll) {
                    completePoll(EnginePackets.NOOP_PACKET);
                }
            }
        }, PROBE_NOOP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
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
            completePoll(UPGRADED_BODY);
        }
        outbox.offer(List.copyOf(pollQueue));
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

    /** Starts the heartbeat: the first ping one ping interval from now. */
    synchronized void startHeartbeat() {
        schedulePing();
    }

    // holding this object's lock
    private void schedulePing() {
        if (closed) {
            return;
        }
        heartbeat = timers.schedule(this::ping, settings.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping() {
        synchronized (this) {
            if (closed) {
                return;
            }
            pingSentMillis = System.currentTimeMillis();
            heartbeat = timers.schedule(() -> close(1011, "ping timeout", false), settings.pingTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        send(EnginePackets.PING_PACKET);
    }

    /** A pong: the next ping follows one ping interval from now. */
    synchronized void pongReceived() {
        pingSentMillis = 0;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        schedulePing();
    }

    synchronized long queuedBytes() {
        return transport == Transport.WEBSOCKET ? outbox.queuedBytes() : pollQueuedBytes;
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
            pollQueue.clear();
            pollQueuedBytes = 0;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            if (pendingPoll != null) {
                completePoll(byClient ? EnginePackets.NOOP_PACKET : EnginePackets.CLOSE_PACKET);
            } else {
                lingering = byClient && transport == Transport.POLLING;
            }
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
