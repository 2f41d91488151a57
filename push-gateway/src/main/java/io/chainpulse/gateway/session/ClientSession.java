package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.TipFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * One open tip socket and what it subscribed to; events reach it in topic order, each position at most once (see
 * {@link OrderedDelivery}). Thread-safe: delivery is serialized on this object and never blocks.
 */
public final class ClientSession implements ChannelMember<TipFrame> {
    private static final byte[] BATCH_START = "{\"type\":\"BATCH\",\"events\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BATCH_END = "]}".getBytes(StandardCharsets.UTF_8);

    private final Session socket;
    private final Subscription subscription;
    private final String remoteAddress;
    private final String credential;
    private final Outbox outbox;
    private static final int TRY_AGAIN_LATER = 1013;

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long closeRequestedMillis;
    private final List<TipFrame> batch = new ArrayList<>();
    private final OrderedDelivery<TipFrame> delivery;
    private volatile long pingSentMillis;
    private volatile long bytesInAtPing;

    /**
     * @param credential what authorized the socket (overlay token or JWT), re-checked when tokens are revoked
     * @param events told of each frame sent and, once, of an outbound queue overflow
     */
    public ClientSession(Session socket, Subscription subscription, String remoteAddress, String credential,
            long maxQueuedBytes, long nowMillis, SessionEvents events) {
        this.socket = socket;
        this.subscription = subscription;
        this.remoteAddress = remoteAddress;
        this.credential = credential;
        this.outbox = new Outbox(((WebSocketSession) socket).getCoreSession(), maxQueuedBytes,
                () -> {
                    events.overflowed(this);
                    close(TRY_AGAIN_LATER, "outbound queue full; reconnect with since");
                }, () -> events.sent(this));
        this.delivery = new OrderedDelivery<>(subscription::accepts, this::send);
    }

    public Subscription subscription() {
        return subscription;
    }

    public String creatorId() {
        return subscription.creatorId();
    }

    public ChannelKind kind() {
        return subscription.kind();
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String credential() {
        return credential;
    }

    public Session socket() {
        return socket;
    }

    @Override
    public String key() {
        return subscription.creatorId();
    }

    @Override
    public synchronized void deliver(TipFrame frame) {
        delivery.deliver(frame);
    }

    @Override
    public synchronized void beginReplay(Cursor since) {
        delivery.beginReplay(since);
    }

    @Override
    public synchronized void replay(TipFrame frame) {
        delivery.replay(frame);
    }

    @Override
    public synchronized void recovered(Cursor since, int events) {
        delivery.endReplay(() -> sendControl(Notices.recovered(since, events)));
    }

    @Override
    public synchronized void unavailable(Cursor since, String reason) {
        delivery.abandonReplay(since, () -> sendControl(Notices.replayUnavailable(since, creatorId(), reason)));
    }

    /** A message of the gateway itself (not an event), sent at once. */
    public synchronized void sendControl(byte[] json) {
        outbox.offer(ByteBuffer.wrap(json).asReadOnlyBuffer());
    }

    /** Sends the events gathered since the last flush as one BATCH frame; nothing when there are none. */
    public synchronized void flushBatch() {
        if (batch.isEmpty()) {
            return;
        }
        int size = BATCH_START.length + BATCH_END.length + batch.size() - 1;
        for (TipFrame frame : batch) {
            size += frame.size();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(BATCH_START);
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                buffer.put((byte) ',');
            }
            buffer.put(batch.get(i).json());
        }
        buffer.put(BATCH_END).flip();
        batch.clear();
        outbox.offer(buffer.asReadOnlyBuffer());
    }

    private void send(TipFrame frame) {
        if (subscription.batchWindow().isPresent()) {
            batch.add(frame);
        } else {
            outbox.offer(frame.payload());
        }
    }

    /**
     * A ping is going out: unless one is already unanswered, remember when, and how many bytes the client had sent
     * by then. Javalin does not pass pongs on, so Jetty's count of bytes read stands in for them: a client that only
     * listens sends nothing but pongs (and a close).
     */
    public void pinging(long nowMillis) {
        if (pingSentMillis == 0) {
            bytesInAtPing = bytesIn();
            pingSentMillis = nowMillis;
        }
    }

    /** True when the client has sent nothing, so no pong either, for {@code timeoutMillis} after a ping. */
    public boolean pongOverdue(long nowMillis, long timeoutMillis) {
        long sent = pingSentMillis;
        if (sent == 0) {
            return false;
        }
        if (bytesIn() != bytesInAtPing) {
            pingSentMillis = 0;
            return false;
        }
        return nowMillis - sent > timeoutMillis;
    }

    private long bytesIn() {
        if (((WebSocketSession) socket).getCoreSession() instanceof WebSocketCoreSession core
                && core.getConnection() != null) {
            return core.getConnection().getBytesIn();
        }
        return -1;
    }

    public long queuedBytes() {
        return outbox.queuedBytes();
    }

    /**
     * Drops the connection of a socket whose close was requested more than {@code graceMillis} ago and is still
     * open: a client that stopped reading never reads the close frame either.
     */
    public void disconnectIfStuck(long nowMillis, long graceMillis) {
        if (closed.get() && socket.isOpen() && nowMillis - closeRequestedMillis > graceMillis) {
            socket.disconnect();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && socket.isOpen();
    }

    /** Closes the socket with a code and reason; later calls do nothing. */
    public void close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            closeRequestedMillis = System.currentTimeMillis();
            outbox.close();
            socket.close(code, reason, Callback.NOOP);
        }
    }
}
