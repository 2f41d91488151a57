package io.chainpulse.gateway.feed;

import java.util.Map;

/** Receives what the live consumer reads from one topic, on the consumer's poll thread; must not block. */
public interface FeedSink<F extends Frame> {
    /** Called once per partition before its first frame: the offset live reading starts from. */
    void startingAt(Map<Integer, Long> startOffsets);

    void publish(F frame);

    /**
     * Called after the frames of a poll were published: every record of the topic before these positions has been
     * handed to {@link #publish} (or skipped as unreadable).
     */
    void readUpTo(Map<Integer, Long> positions);
}
