package io.chainpulse.bench.produce;

/** What a paced send did: how many events, asked at what rate, and the time from the first send to the last ack. */
public record Sent(long count, double askedPerSecond, long nanos) {
    /** Events sent ÷ the time the sending took. */
    public double measuredPerSecond() {
        return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }

    public double seconds() {
        return nanos / 1e9;
    }
}
