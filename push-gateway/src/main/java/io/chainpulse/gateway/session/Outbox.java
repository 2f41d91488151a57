package io.chainpulse.gateway.session;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The bounded outbound queue of one socket: text frames wait here while the previous round is written, and when the
 * bytes waiting or in flight would pass the limit the queue refuses and reports overflow once. Senders never block, so a client that
 * stops reading slows no one else. Thread-safe.
 */
public final class Outbox {
    private final CoreSession session;
    private final long maxBytes;
    private final Runnable onOverflow;
    private final Runnable onSent;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean pumping;
    private int inFlight;
    private boolean insideSend;
    private boolean completedInside;
    private boolean closed;

    public Outbox(CoreSession session, long maxBytes, Runnable onOverflow, Runnable onSent) {
        this.session = session;
        this.maxBytes = maxBytes;
        this.onOverflow = onOverflow;
        this.onSent = onSent;
    }

    /** Queues one text frame of UTF-8 bytes; false when the socket is closed or just overflowed. */
    public boolean offer(ByteBuffer utf8) {
        boolean overflow = false;
        boolean startPump = false;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (queuedBytes + utf8.remaining() > maxBytes) {
                closed = true;
                overflow = true;
                queue.clear();
            } else {
                queue.add(utf8);
                queuedBytes += utf8.remaining();
                if (!pumping) {
                    pumping = true;
                    startPump = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
            return false;
        }
        if (startPump) {
            pump();
        }
        return true;
    }

    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Stops sending; frames still waiting are dropped. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    // Hands every waiting frame to Jetty at once, all but the last marked "batch", so Jetty gathers them into as
    // few socket writes as it can (a client catching up on 100 frames costs a few writes, not 100). The next round
    // starts when the whole round is written; a round that completes inside sendFrame is continued by this loop
    // instead of by its callback, so a fast socket does not grow the stack.
    private void pump() {
        while (true) {
            ByteBuffer[] round;
            lock.lock();
            try {
                if (closed || queue.isEmpty()) {
                    pumping = false;
                    return;
                }
                round = queue.toArray(ByteBuffer[]::new);
                queue.clear();
                inFlight = round.length;
                insideSend = true;
                completedInside = false;
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < round.length; i++) {
                int size = round[i].remaining();
                session.sendFrame(new Frame(OpCode.TEXT, round[i]), Callback.from(() -> sent(size), this::failed),
                        i < round.length - 1);
            }
            lock.lock();
            try {
                insideSend = false;
                if (!completedInside) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void sent(int size) {
        onSent.run();
        lock.lock();
        try {
            queuedBytes -= size;
            if (--inFlight > 0) {
                return;
            }
            if (insideSend) {
                completedInside = true;
                return;
            }
        } finally {
            lock.unlock();
        }
        pump();
    }

    private void failed(Throwable error) {
        close();
    }
}
