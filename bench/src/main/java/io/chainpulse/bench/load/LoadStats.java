package io.chainpulse.bench.load;

import java.util.Map;

/** The load generators' replies to {@code stats}, summed: sockets, frames since the last reset, losses, closes. */
public record LoadStats(long open, long clients, long framesTotal, long minFrames, long maxFrames, long duplicates,
        long recovered, long unavailable, long missing, long failedConnects, Map<String, Long> closes,
        double firstFrameMillis, double lastFrameMillis) {

    /** Frames since the last reset ÷ the time from the first to the last of them; NaN with fewer than two. */
    public double arrivalRatePerSecond() {
        double span = (lastFrameMillis - firstFrameMillis) / 1000.0;
        return framesTotal < 2 || !(span > 0) ? Double.NaN : framesTotal / span;
    }
}
