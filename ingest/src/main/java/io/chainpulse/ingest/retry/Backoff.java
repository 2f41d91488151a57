package io.chainpulse.ingest.retry;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter between half and all of the ceiling, capped, without a retry limit: ingest never gives up. */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private int attempt;

    public Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    public long next() {
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(attempt, 20));
        attempt++;
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    public void reset() {
        attempt = 0;
    }
}
