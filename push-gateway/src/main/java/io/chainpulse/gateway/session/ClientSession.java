package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.TipFrame;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One tip socket and what it subscribed to; events reach it in topic order, each position at most once (see
 * {@link OrderedDelivery}). It is Jetty's frame handler of the socket itself, so an idle socket holds only this, its
 * outbox and Jetty's connection: nothing of the upgrade request. Thread-safe: delivery is serialized on this object
 * and never blocks.
 */
public final class ClientSession implements ChannelMember<TipFrame>, FrameHandler, Outbox.Listener {
    private static final int UNSUPPORTED_DATA = 1003;
    private static final int POLICY_VIOLATION = 1008;
    private static final int TRY_AGAIN_LATER = 1013;

    private final Subscription subscription;
    private final String credential;
    private final SessionLifecycle lifecycle;
    private final SessionEvents events;
    private final OrderedDelivery<TipFrame> delivery;
    private final Outbox outbox;
    private final int maxFrameBytes;
    /** Only between the handshake and the open: where the client resumes. */
    private Cursor since;
    /** Events waiting for the batch window; made at the first one. */
    private BatchFrames batch;
    /** Replayed events not yet sent; only while a batched replay runs. */
    private BatchFrames replayBatch;
    private CoreSession socket;
    private boolean closed;
    private long closeRequestedMillis;
    private volatile long pingSentMillis;

    /**
     * @param since the client's last event, replayed from when the socket opens; null for live events only
     * @param credential what authorized the socket (overlay token or JWT), re-checked when tokens are revoked
     * @param maxFrameBytes the socket's frame limit, which BATCH frames keep to
     * @param writer the threads that write the socket's frames
     * @param events told of each frame sent and, once, of an outbound queue overflow
     */
    public ClientSession(Subscription subscription, Cursor since, String credential, long maxQueuedBytes,
            int maxFrameBytes, Outbox.Writer writer, SessionLifecycle lifecycle, SessionEvents events) {
        this.subscription = subscription;
        this.since = since;
        this.credential = credential;
        this.lifecycle = lifecycle;
        this.events = events;
        this.outbox = new Outbox(maxQueuedBytes, this, writer);
        this.maxFrameBytes = maxFrameBytes;
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

    /** The client's IP address, for logs. */
    public String remoteAddress() {
        SocketAddress address = socket == null ? null : socket.getRemoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    public String credential() {
        return credential;
    }

    @Override
    public String key() {
        return subscription.creatorId();
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        Cursor resumeFrom;
        synchronized (this) {
            socket = coreSession;
            outbox.open(coreSession);
            resumeFrom = since;
            since = null;
        }
        callback.succeeded();
        lifecycle.opened(this, Optional.ofNullable(resumeFrom));
        if (coreSession.isOutputOpen()) {
            coreSession.demand();
        } else {
            lifecycle.ended(this);
        }
    }

    /** Clients only listen: pongs are noted, pings answered, and any message closes the socket. */
    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.PONG -> pingSentMillis = 0;
            case OpCode.PING -> socket.sendFrame(new Frame(OpCode.PONG).setPayload(copy(frame.getPayload())),
                    Callback.NOOP, false);
            case OpCode.BINARY -> close(UNSUPPORTED_DATA, "binary messages are not accepted");
            case OpCode.CLOSE -> {
                callback.succeeded();
                return;
            }
            default -> close(POLICY_VIOLATION, "this channel only sends; clients must not write");
        }
        callback.succeeded();
        if (!isClosing()) {
            socket.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        lifecycle.ended(this);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        outbox.close();
        lifecycle.ended(this);
        callback.succeeded();
    }

    @Override
    public synchronized void deliver(TipFrame frame) {
        delivery.deliver(frame);
    }

    @Override
    public synchronized void beginReplay(Cursor since) {
        delivery.beginReplay(since);
        if (subscription.batchedReplay()) {
            replayBatch = new BatchFrames(maxFrameBytes, outbox::offer);
        }
    }

    @Override
    public synchronized void replay(TipFrame frame) {
        delivery.replay(frame);
    }

    @Override
    public synchronized void recovered(Cursor since, int events) {
        delivery.endReplay(() -> {
            endReplayBatch();
            sendControl(Notices.recovered(since, events));
        });
    }

    @Override
    public synchronized void unavailable(Cursor since, String reason) {
        delivery.abandonReplay(since, () -> {
            endReplayBatch();
            sendControl(Notices.replayUnavailable(since, creatorId(), reason));
        });
    }

    /** A message of the gateway itself (not an event), sent at once. */
    public synchronized void sendControl(byte[] json) {
        outbox.offer(ByteBuffer.wrap(json).asReadOnlyBuffer());
    }

    /** Sends the events gathered since the last flush as BATCH frames; nothing when there are none. */
    public synchronized void flushBatch() {
        if (batch != null) {
            batch.flush();
        }
    }

    // what a batched replay gathered leaves before the notice that ends the replay; live events follow it unbatched
    private void endReplayBatch() {
        if (replayBatch != null) {
            replayBatch.flush();
            replayBatch = null;
        }
    }

    private void send(TipFrame frame) {
        if (replayBatch != null) {
            replayBatch.add(frame);
        } else if (subscription.batchWindow().isPresent()) {
            if (batch == null) {
                batch = new BatchFrames(maxFrameBytes, outbox::offer);
            }
            batch.add(frame);
        } else {
            outbox.offer(frame.payload());
        }
    }

    @Override
    public void sent() {
        events.sent(this);
    }

    @Override
    public void overflowed() {
        events.overflowed(this);
        close(TRY_AGAIN_LATER, "outbound queue full; reconnect with since");
    }

    /** Sends a ping; unless one is already unanswered, remembers when. */
    public void ping(long nowMillis) {
        if (pingSentMillis == 0) {
            pingSentMillis = nowMillis;
        }
        socket.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }

    /** True when no pong came for {@code timeoutMillis} after a ping. */
    public boolean pongOverdue(long nowMillis, long timeoutMillis) {
        long sent = pingSentMillis;
        return sent != 0 && nowMillis - sent > timeoutMillis;
    }

    public long queuedBytes() {
        return outbox.queuedBytes();
    }

    /**
     * Drops the connection of a socket whose close was requested more than {@code graceMillis} ago and is still
     * open: a client that stopped reading never reads the close frame either.
     */
    public void disconnectIfStuck(long nowMillis, long graceMillis) {
        CoreSession open;
        synchronized (this) {
            if (!closed || nowMillis - closeRequestedMillis <= graceMillis) {
                return;
            }
            open = socket;
        }
        if (open != null && !open.isClosed()) {
            open.abort();
        }
    }

    @Override
    public boolean isOpen() {
        CoreSession open;
        synchronized (this) {
            if (closed) {
                return false;
            }
            open = socket;
        }
        return open != null && open.isOutputOpen();
    }

    private synchronized boolean isClosing() {
        return closed;
    }

    /** Closes the socket with a code and reason; later calls do nothing. */
    public void close(int code, String reason) {
        CoreSession open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeRequestedMillis = System.currentTimeMillis();
            open = socket;
        }
        outbox.close();
        if (open != null) {
            open.close(code, reason, Callback.NOOP);
        }
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        if (payload == null) {
            return null;
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.slice()).flip();
        return copy;
    }
}
