package io.chainpulse.processor.topology;

/**
 * When the tips waiting on a stream thread are written to PostgreSQL, and whether their publication asks for an
 * immediate commit. Keeping up (the records just read were published by ingest a moment ago), a tip waits at most
 * {@link #LIVE_DELAY_MS} and the commit follows its publication at once, so it reaches readers within milliseconds.
 * Catching up on a backlog (the records are older than {@link #CATCH_UP_LAG_MS}), latency is already lost and
 * throughput is what shortens it: tips gather into batches of up to {@link #CATCH_UP_MAX_BATCH} (a transaction
 * costs about a millisecond of PostgreSQL time whatever its size) and commits come at the commit interval.
 * Confined to its stream thread.
 */
final class FlushPolicy {
    static final long LIVE_DELAY_MS = 5;
    static final int LIVE_MAX_BATCH = 500;
    static final long CATCH_UP_LAG_MS = 250;
    static final long CATCH_UP_DELAY_MS = 50;
    static final int CATCH_UP_MAX_BATCH = 2_000;

    private boolean catchingUp;

    /** Notes how long ago the record being processed was published upstream. */
    void observeLag(long lagMs) {
        catchingUp = lagMs > CATCH_UP_LAG_MS;
    }

    boolean catchingUp() {
        return catchingUp;
    }

    int maxBatch() {
        return catchingUp ? CATCH_UP_MAX_BATCH : LIVE_MAX_BATCH;
    }

    /** Whether a batch of {@code size} tips, the oldest waiting {@code oldestWaitMs}, is written now. */
    boolean due(int size, long oldestWaitMs) {
        if (size == 0) {
            return false;
        }
        return size >= maxBatch() || oldestWaitMs >= (catchingUp ? CATCH_UP_DELAY_MS : LIVE_DELAY_MS);
    }

    /** Whether published output should be committed now rather than at the commit interval. */
    boolean commitEagerly() {
        return !catchingUp;
    }
}
