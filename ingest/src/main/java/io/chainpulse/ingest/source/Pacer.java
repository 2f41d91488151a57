package io.chainpulse.ingest.source;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Where a caught-up follower waits for its next step: until the poll interval passes, or sooner when something
 * announces new work (a new-heads notification) or the runner stops. Thread-safe.
 */
public final class Pacer {
    private final Semaphore signals = new Semaphore(0);

    /** Ends the current or next wait early. */
    public void wake() {
        signals.release();
    }

    void await(long maxMillis) throws InterruptedException {
        signals.tryAcquire(maxMillis, TimeUnit.MILLISECONDS);
        signals.drainPermits();
    }
}
