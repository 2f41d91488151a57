package io.chainpulse.ingest.evm;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, capped, without a retry limit. */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private int attempt;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
    }

    long next() {
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(attempt, 20));
        attempt++;
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    void reset() {
        attempt = 0;
    }
}
