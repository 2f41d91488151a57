package io.chainpulse.socketio;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What waits for a polling client: its packets (at most a byte limit) and its pending GET, which is answered with
 * every waiting packet as soon as there is one. Answers are completed on a background thread, so that whoever queues a
 * packet never writes an HTTP response. Not thread-safe: its session's lock (passed in) guards every call.
 */
final class PollingQueue {
    /** How long a poll pending during the probe waits before its noop: the client's {@code 5} may come first. */
    private static final long PROBE_NOOP_DELAY_MILLIS = 100;

    private final Object lock;
    private final long maxBytes;
    private final Executor background;
    private final ScheduledExecutorService timers;
    private final ArrayDeque<EnginePackets.Outbound> packets = new ArrayDeque<>();
    private long bytes;
    private CompletableFuture<byte[]> pending;

    PollingQueue(Object lock, long maxBytes, Executor background, ScheduledExecutorService timers) {
        this.lock = lock;
        this.maxBytes = maxBytes;
        this.background = background;
        this.timers = timers;
    }

    /** Queues packets that stay together; false (and nothing queued) when they would pass the limit. */
    boolean offer(List<EnginePackets.Outbound> more, long size) {
        if (bytes + size > maxBytes) {
            return false;
        }
        packets.addAll(more);
        bytes += size;
        release();
        return true;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** A new pending GET, answered at once when packets wait (with a noop soon when {@code upgrading}). */
    CompletableFuture<byte[]> poll(boolean upgrading) {
        pending = new CompletableFuture<>();
        CompletableFuture<byte[]> answer = pending;
        if (!packets.isEmpty()) {
            release();
        } else if (upgrading) {
            noopSoon();
        }
        return answer;
    }

    /** Answers the pending GET, if any, with {@code body} instead of packets. */
    void answerPending(byte[] body) {
        if (pending != null) {
            CompletableFuture<byte[]> answer = pending;
            pending = null;
            answer.completeAsync(() -> body, background);
        }
    }

    /** The pending GET gets a noop a little later, unless the upgrade ends it first (the reference's check interval). */
    void noopSoon() {
        CompletableFuture<byte[]> poll = pending;
        timers.schedule(() -> {
            synchronized (lock) {
                if (pending == poll) {
                    answerPending(EnginePackets.NOOP_PACKET);
                }
            }
        }, PROBE_NOOP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Takes every waiting packet out (they move to the WebSocket). */
    List<EnginePackets.Outbound> drain() {
        List<EnginePackets.Outbound> drained = List.copyOf(packets);
        packets.clear();
        bytes = 0;
        return drained;
    }

    long bytes() {
        return bytes;
    }

    private void release() {
        if (pending != null && !packets.isEmpty()) {
            answerPending(EnginePackets.join(drain()));
        }
    }
}
