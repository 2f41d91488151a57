package io.chainpulse.bench.report;

/**
 * Latencies at full resolution: an HdrHistogram of whole microseconds with three significant digits, so a quantile is
 * within 0.1 % of the recorded value (the load generators record at the same resolution). Not thread-safe.
 */
public final class Histogram {
    private final org.HdrHistogram.Histogram micros = new org.HdrHistogram.Histogram(3);

    public void addMicros(long value, long count) {
        micros.recordValueWithCount(Math.max(0, value), count);
    }

    public void addAll(Histogram other) {
        micros.add(other.micros);
    }

    public long count() {
        return micros.getTotalCount();
    }

    /** The q-th quantile (0 < q <= 1) in milliseconds; NaN when nothing was recorded. */
    public double quantile(double q) {
        return count() == 0 ? Double.NaN : micros.getValueAtPercentile(q * 100) / 1000.0;
    }

    public double max() {
        return count() == 0 ? Double.NaN : micros.getMaxValue() / 1000.0;
    }
}
