package io.chainpulse.bench.stack;

/** A benchmark's pacing pause; an interrupt ends the benchmark. */
public final class Sleep {
    private Sleep() {}

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        }
    }
}
