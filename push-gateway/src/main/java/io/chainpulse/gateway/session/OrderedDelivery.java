package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sends one member's events in topic order and each position at most once: an event at or before the last position
 * sent is dropped, which makes the replay hand-over and cursors from other instances safe. While a replay runs,
 * live events are held and sent after it. Not thread-safe: its member serializes calls.
 */
public final class OrderedDelivery<F extends Frame> {
    private static final int NONE = -1;

    private final Predicate<F> accepts;
    private final Consumer<F> send;
    // the last position sent per partition: a key's events are all in one partition, so one pair of fields holds it
    // without boxing; a cursor of another partition (from another instance) goes to the map
    private int partition = NONE;
    private long offset;
    private Map<Integer, Long> otherPartitions;
    private List<F> held;

    /**
     * @param accepts the member's filter, applied to live and replayed events alike
     * @param send writes one event to the client; must not block
     */
    public OrderedDelivery(Predicate<F> accepts, Consumer<F> send) {
        this.accepts = accepts;
        this.send = send;
    }

    public void deliver(F frame) {
        if (!accepts.test(frame)) {
            return;
        }
        if (held != null) {
            held.add(frame);
            return;
        }
        sendInOrder(frame);
    }

    public void beginReplay(Cursor since) {
        held = new ArrayList<>();
        Long last = lastSent(since.partition());
        setLastSent(since.partition(), last == null ? since.offset() : Math.max(last, since.offset()));
    }

    public void replay(F frame) {
        if (accepts.test(frame)) {
            sendInOrder(frame);
        }
    }

    /** Ends a replay: {@code notice} is sent, then the held live events not already replayed. */
    public void endReplay(Runnable notice) {
        if (held == null) {
            notice.run();
            return;
        }
        notice.run();
        List<F> waiting = held;
        held = null;
        waiting.forEach(this::sendInOrder);
    }

    /** Gives up a replay from {@code since}: the cursor no longer limits what is sent; then like {@link #endReplay}. */
    public void abandonReplay(Cursor since, Runnable notice) {
        if (held != null) {
            if (partition == since.partition()) {
                partition = NONE;
            } else if (otherPartitions != null) {
                otherPartitions.remove(since.partition());
            }
        }
        endReplay(notice);
    }

    private void sendInOrder(F frame) {
        Cursor cursor = frame.cursor();
        if (cursor.partition() == partition) {
            if (cursor.offset() <= offset) {
                return;
            }
            offset = cursor.offset();
        } else {
            Long last = lastSent(cursor.partition());
            if (last != null && cursor.offset() <= last) {
                return;
            }
            setLastSent(cursor.partition(), cursor.offset());
        }
        send.accept(frame);
    }

    private Long lastSent(int ofPartition) {
        if (ofPartition == partition) {
            return offset;
        }
        return otherPartitions == null ? null : otherPartitions.get(ofPartition);
    }

    private void setLastSent(int ofPartition, long sent) {
        if (ofPartition == partition || (partition == NONE
                && (otherPartitions == null || !otherPartitions.containsKey(ofPartition)))) {
            partition = ofPartition;
            offset = sent;
            return;
        }
        if (otherPartitions == null) {
            otherPartitions = new HashMap<>();
        }
        otherPartitions.put(ofPartition, sent);
    }
}
