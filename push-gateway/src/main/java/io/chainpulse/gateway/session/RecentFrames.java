package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Frame;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The latest events of one key, kept so that reconnecting clients replay from memory. It knows from which
 * offset it is complete: the consumer's start offset, or just past the newest event it had to evict. Not
 * thread-safe; its channel guards it.
 */
final class RecentFrames<F extends Frame> {
    private final int capacity;
    private final ArrayDeque<F> frames;
    private long evictedUpTo = -1;

    RecentFrames(int capacity) {
        this.capacity = capacity;
        this.frames = new ArrayDeque<>(Math.min(capacity, 16));
    }

    void add(F frame) {
        if (frames.size() == capacity) {
            evictedUpTo = frames.removeFirst().cursor().offset();
        }
        frames.addLast(frame);
    }

    /** True when every event of the key after {@code offset} since {@code startOffset} is still here. */
    boolean coversAfter(long offset, long startOffset) {
        return offset + 1 >= Math.max(startOffset, evictedUpTo + 1);
    }

    List<F> after(long offset) {
        return frames.stream().filter(frame -> frame.cursor().offset() > offset).toList();
    }

    /** True when no event was ever added. */
    boolean isEmpty() {
        return frames.isEmpty() && evictedUpTo < 0;
    }

    /** Offset of the newest event kept, or -1. */
    long newestOffset() {
        return frames.isEmpty() ? -1 : frames.getLast().cursor().offset();
    }
}
