package io.chainpulse.bench.report;

import java.util.Map;
import java.util.TreeMap;

/** Latency counts by bucket (milliseconds, lower bound), merged from the load generators. Not thread-safe. */
public final class Histogram {
    private final TreeMap<Double, Long> counts = new TreeMap<>();
    private long total;

    public void add(double bucketMillis, long count) {
        counts.merge(bucketMillis, count, Long::sum);
        total += count;
    }

    public void addAll(Histogram other) {
        other.counts.forEach(this::add);
    }

    public long count() {
        return total;
    }

    /** The bucket holding the q-th quantile (0 < q <= 1), in milliseconds; NaN when empty. */
    public double quantile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (Map.Entry<Double, Long> entry : counts.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return entry.getKey();
            }
        }
        return counts.lastKey();
    }

    public double max() {
        return total == 0 ? Double.NaN : counts.lastKey();
    }
}
