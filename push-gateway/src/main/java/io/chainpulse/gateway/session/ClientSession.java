package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.TipFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;

/**
 * One open socket and what it subscribed to. Events reach it in topic order and each position at most once: an
 * event at or before the last position sent is dropped, which makes replay hand-over and multi-instance cursors
 * safe. While a replay runs, live events are held and sent after it. Thread-safe: delivery is serialized on this
 * object and never blocks.
 */
public final class ClientSession {
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
    private final Map<Integer, Long> lastSent = new HashMap<>();
    private final List<TipFrame> batch = new ArrayList<>();
    private List<TipFrame> held;
    private volatile long lastPongMillis;

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
        this.lastPongMillis = nowMillis;
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

    /** A live event of this socket's creator. */
    public synchronized void deliver(TipFrame frame) {
        if (!subscription.accepts(frame)) {
            return;
        }
        if (held != null) {
            held.add(frame);
            return;
        }
        sendInOrder(frame);
    }

    /** Starts a replay after {@code since}: live events are held until {@link #endReplay()}. */
    public synchronized void beginReplay(Cursor since) {
        held = new ArrayList<>();
        lastSent.merge(since.partition(), since.offset(), Math::max);
    }

    /** A replayed event, in topic order. */
    public synchronized void replay(TipFrame frame) {
        if (subscription.accepts(frame)) {
            sendInOrder(frame);
        }
    }

    /** Ends the replay with a notice; held live events follow, without the ones the replay already sent. */
    public synchronized void endReplay(byte[] notice) {
        if (held == null) {
            return;
        }
        sendControl(notice);
        List<TipFrame> waiting = held;
        held = null;
        waiting.forEach(this::sendInOrder);
    }

    /**
     * Gives up a replay from {@code since}: the cursor no longer limits what is sent, the notice goes out, and
     * held live events follow.
     */
    public synchronized void abandonReplay(Cursor since, byte[] notice) {
        if (held == null) {
            return;
        }
        lastSent.remove(since.partition());
        endReplay(notice);
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

    private void sendInOrder(TipFrame frame) {
        Cursor cursor = frame.cursor();
        Long last = lastSent.get(cursor.partition());
        if (last != null && cursor.offset() <= last) {
            return;
        }
        lastSent.put(cursor.partition(), cursor.offset());
        if (subscription.batchWindow().isPresent()) {
            batch.add(frame);
        } else {
            outbox.offer(frame.payload());
        }
    }

    public void pongReceived(long nowMillis) {
        lastPongMillis = nowMillis;
    }

    public long lastPongMillis() {
        return lastPongMillis;
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
