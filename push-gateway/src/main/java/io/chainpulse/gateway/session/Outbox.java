package io.chainpulse.gateway.session;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The bounded outbound queue of one socket: text frames wait here for a writer thread (see {@link SocketWriters}) or
 * while the previous round is written. The limit is on what a client leaves unread: when the socket has a round it
 * has not taken and the bytes waiting or in flight would pass the limit, the queue refuses and reports overflow once.
 * Frames that only wait for a writer do not count against a client (the publisher waits for the writers instead).
 * Senders never block, so a client that stops reading slows no one else. Thread-safe (it locks on itself); an idle
 * outbox holds no queue (one is made when frames wait).
 */
public final class Outbox {
    /** Told of what happened to the frames; calls come from Jetty's and the senders' threads, never under a lock. */
    public interface Listener {
        /** One frame left for the client. */
        void sent();

        /** The queue refused a frame and closed: the client reads slower than frames arrive. */
        void overflowed();
    }

    /** Runs an outbox's pump: on writer threads, or at once on the caller's thread ({@link #INLINE}). */
    public interface Writer {
        /** The lane an outbox is pumped on, chosen once per outbox. */
        int lane();

        void schedule(int lane, Runnable pump);
    }

    /** Pumps on the thread that offered the frame. */
    public static final Writer INLINE = new Writer() {
        @Override
        public int lane() {
            return 0;
        }

        @Override
        public void schedule(int lane, Runnable pump) {
            pump.run();
        }
    };

    /** Frames that wait only for a writer may take this many times the limit before the queue refuses anyway. */
    private static final long WAITING_FOR_WRITER_FACTOR = 16;

    private final long maxBytes;
    private final Listener listener;
    private final Writer writer;
    private final int lane;
    private CoreSession session;
    private ArrayDeque<ByteBuffer> queue;
    private long queuedBytes;
    private boolean pumping;
    private int inFlight;
    private boolean insideSend;
    private boolean completedInside;
    private boolean closed;

    public Outbox(long maxBytes, Listener listener, Writer writer) {
        this.maxBytes = maxBytes;
        this.listener = listener;
        this.writer = writer;
        this.lane = writer.lane();
    }

    /** The socket is open: frames offered from now on (and those offered before) are written to it. */
    public void open(CoreSession socket) {
        synchronized (this) {
            session = socket;
            if (pumping || closed || queue == null || queue.isEmpty()) {
                return;
            }
            pumping = true;
        }
        writer.schedule(lane, this::pump);
    }

    /** Queues one text frame of UTF-8 bytes; false when the socket is closed or just overflowed. */
    public boolean offer(ByteBuffer utf8) {
        boolean overflow = false;
        boolean startPump = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            long after = queuedBytes + utf8.remaining();
            if (after > maxBytes && unread() || after > maxBytes * WAITING_FOR_WRITER_FACTOR) {
                closed = true;
                overflow = true;
                queue = null;
            } else {
                if (queue == null) {
                    queue = new ArrayDeque<>(4);
                }
                queue.add(utf8);
                queuedBytes += utf8.remaining();
                if (!pumping && session != null) {
                    pumping = true;
                    startPump = true;
                }
            }
        }
        if (overflow) {
            listener.overflowed();
            return false;
        }
        if (startPump) {
            writer.schedule(lane, this::pump);
        }
        return true;
    }

    // a round was handed to Jetty and the client has not taken it all yet
    private boolean unread() {
        return inFlight > 0 && !insideSend;
    }

    public long queuedBytes() {
        synchronized (this) {
            return queuedBytes;
        }
    }

    /** Stops sending; frames still waiting are dropped. */
    public void close() {
        synchronized (this) {
            closed = true;
            queue = null;
        }
    }

    // Hands every waiting frame to Jetty at once, all but the last marked "batch", so Jetty gathers them into as
    // few socket writes as it can (a client catching up on 100 frames costs a few writes, not 100). The next round
    // starts when the whole round is written; a round that completes inside sendFrame is continued by this loop
    // instead of by its callback, so a fast socket does not grow the stack.
    private void pump() {
        while (true) {
            ByteBuffer[] round;
            CoreSession socket;
            synchronized (this) {
                if (closed || queue == null || queue.isEmpty()) {
                    pumping = false;
                    // an idle socket keeps no queue
                    queue = null;
                    return;
                }
                round = queue.toArray(ByteBuffer[]::new);
                queue.clear();
                inFlight = round.length;
                insideSend = true;
                completedInside = false;
                socket = session;
            }
            for (int i = 0; i < round.length; i++) {
                int size = round[i].remaining();
                socket.sendFrame(new Frame(OpCode.TEXT, round[i]), Callback.from(() -> sent(size), this::failed),
                        i < round.length - 1);
            }
            synchronized (this) {
                insideSend = false;
                if (!completedInside) {
                    return;
                }
            }
        }
    }

    private void sent(int size) {
        listener.sent();
        synchronized (this) {
            queuedBytes -= size;
            if (--inFlight > 0) {
                return;
            }
            if (insideSend) {
                completedInside = true;
                return;
            }
        }
        pump();
    }

    private void failed(Throwable error) {
        close();
    }
}
