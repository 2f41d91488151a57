package io.chainpulse.bench.produce;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Paces sends at a fixed rate from a start instant; a late sender catches up rather than drifting. The sender wakes
 * once per millisecond's worth of sends, not once per send: a wake-up per send cost the bench JVM a third of a core
 * at 7,000/s, CPU the services under test then lacked.
 */
public final class Pacer {
    private final long startNanos = System.nanoTime();
    private final double ratePerSecond;
    private final long perWakeUp;

    public Pacer(double ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
        this.perWakeUp = Math.max(1, (long) (ratePerSecond / 1000));
    }

    /**
     * Calls {@code sendOne} with 0, 1, 2, … at {@code ratePerSecond} for {@code duration}; the count, the rate asked
     * and the time the sending took (the caller flushes after, so that the time is the sending's alone).
     */
    public static Sent sendAtRate(double ratePerSecond, Duration duration, LongConsumer sendOne) {
        Pacer pacer = new Pacer(ratePerSecond);
        long count = (long) (ratePerSecond * duration.toNanos() / 1e9);
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            pacer.awaitTurn(i);
            sendOne.accept(i);
        }
        return new Sent(count, ratePerSecond, System.nanoTime() - start);
    }

    /** Blocks until send number {@code index} is due; sends between wake-ups go at once. */
    public void awaitTurn(long index) {
        if (index % perWakeUp != 0) {
            return;
        }
        long due = startNanos + (long) (index * 1e9 / ratePerSecond);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
