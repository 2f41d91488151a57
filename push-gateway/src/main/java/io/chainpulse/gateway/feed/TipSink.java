package io.chainpulse.gateway.feed;

import java.util.Map;

/** Receives what the tips consumer reads, on the consumer's poll thread; must not block. */
public interface TipSink {
    /** Called once per partition before its first frame: the offset live reading starts from. */
    void startingAt(Map<Integer, Long> startOffsets);

    void publish(TipFrame frame);
}
