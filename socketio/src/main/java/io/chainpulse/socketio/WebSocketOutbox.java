package io.chainpulse.socketio;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The bounded outbound queue of one WebSocket: what waits is written in rounds, the next round once Jetty has written
 * the last. When the bytes waiting or in flight would pass the limit the queue refuses, closes and reports the
 * overflow once, so a client that stops reading costs at most the limit and slows no one else. Senders never block.
 * Thread-safe (it locks on itself; Jetty is called outside the lock).
 */
final class WebSocketOutbox {
    private final CoreSession socket;
    private final long maxBytes;
    private final Runnable overflowed;
    private final ArrayDeque<EnginePackets.Outbound> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;

    WebSocketOutbox(CoreSession socket, long maxBytes, Runnable overflowed) {
        this.socket = socket;
        this.maxBytes = maxBytes;
        this.overflowed = overflowed;
    }

    /** Queues one packet; false when the outbox is closed or has just overflowed. */
    boolean offer(EnginePackets.Outbound packet) {
        return offer(List.of(packet));
    }

    /** Queues packets that must stay together (a binary packet and its attachments); false as for one. */
    boolean offer(List<EnginePackets.Outbound> packets) {
        long size = packets.stream().mapToLong(EnginePackets.Outbound::size).sum();
        boolean overflow = false;
        boolean startRound = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queuedBytes + size > maxBytes) {
                overflow = true;
                closed = true;
                queue.clear();
            } else {
                queue.addAll(packets);
                queuedBytes += size;
                startRound = !writing;
                writing = true;
            }
        }
        if (overflow) {
            overflowed.run();
            return false;
        }
        if (startRound) {
            writeRound();
        }
        return true;
    }

    private void writeRound() {
        List<EnginePackets.Outbound> round;
        synchronized (this) {
            if (queue.isEmpty() || closed) {
                writing = false;
                return;
            }
            round = new ArrayList<>(queue);
            queue.clear();
        }
        long bytes = round.stream().mapToLong(EnginePackets.Outbound::size).sum();
        AtomicInteger left = new AtomicInteger(round.size());
        Callback written = Callback.from(() -> {
            if (left.decrementAndGet() == 0) {
                synchronized (this) {
                    queuedBytes -= bytes;
                }
                writeRound();
            }
        }, failure -> close());
        for (int i = 0; i < round.size(); i++) {
            EnginePackets.Outbound packet = round.get(i);
            Frame frame = new Frame(packet.binary() ? OpCode.BINARY : OpCode.TEXT, ByteBuffer.wrap(packet.bytes()));
            socket.sendFrame(frame, written, i < round.size() - 1);
        }
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Drops what waits; packets offered later are refused. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }
}
