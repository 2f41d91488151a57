package io.chainpulse.bench.produce;

/**
 * What a send did: how many events, asked at what rate (0: as fast as possible), and the time the sending took: from
 * the first send to the return of the last (the producer's buffer pushes back on a sender the broker does not keep
 * up with), for a burst to the last acknowledgement.
 */
public record Sent(long count, double askedPerSecond, long nanos) {
    /** Events sent ÷ the time the sending took. */
    public double measuredPerSecond() {
        return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }

    public double seconds() {
        return nanos / 1e9;
    }
}
