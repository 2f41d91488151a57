package io.chainpulse.bench.produce;

import java.util.concurrent.locks.LockSupport;

/** Paces sends at a fixed rate from a start instant; a late sender catches up rather than drifting. */
final class Pacer {
    private final long startNanos = System.nanoTime();
    private final double ratePerSecond;

    Pacer(double ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    /** Blocks until send number {@code index} is due. */
    void awaitTurn(long index) {
        long due = startNanos + (long) (index * 1e9 / ratePerSecond);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
