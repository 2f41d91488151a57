package io.chainpulse.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistogramTest {
    @Test
    void shouldGiveQuantilesWithinATenthOfAPercentNotABucketsLowerBound() {
        // Given 1,000 latencies of 1,001..2,000 ms (in µs), the old buckets' worst case: 100 ms wide above 1 s
        Histogram histogram = new Histogram();
        for (long ms = 1001; ms <= 2000; ms++) {
            histogram.addMicros(ms * 1000, 1);
        }

        // When / Then: p50 is 1,500 ms and p99 1,990 ms, not 1,500 and 1,900
        assertThat(histogram.quantile(0.5)).isCloseTo(1500, within(1500 * 0.001));
        assertThat(histogram.quantile(0.99)).isCloseTo(1990, within(1990 * 0.001));
        assertThat(histogram.max()).isCloseTo(2000, within(2000 * 0.001));
    }

    @Test
    void shouldBeNotANumberWithoutSamplesSoTheChecksFailItInsteadOfReadingZero() {
        Histogram empty = new Histogram();

        assertThat(empty.quantile(0.99)).isNaN();
        assertThat(empty.max()).isNaN();
    }

    @Test
    void shouldMergeTheLoadGeneratorsSeconds() {
        Histogram first = new Histogram();
        first.addMicros(1_000, 3);
        Histogram second = new Histogram();
        second.addMicros(3_000, 1);

        first.addAll(second);

        assertThat(first.count()).isEqualTo(4);
        assertThat(first.quantile(1.0)).isCloseTo(3.0, within(0.003));
    }
}
