package io.chainpulse.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void shouldPassWhenEverythingArrivedOnceAtPaceAndWasMeasured() {
        Verdict verdict = new Verdict();

        verdict.requireLossless("step", 400, 400, 0);
        verdict.requirePace("step", 1000, 960);
        verdict.requireFigure("step", "p99", 12.5);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.conclude(new Report("test", "test", "test"))).isZero();
    }

    @Test
    void shouldNameEachLostRepeatedSlowAndUnmeasuredStep() {
        Verdict verdict = new Verdict();

        verdict.requireLossless("lost", 400, 399, 0);
        verdict.requireLossless("extra", 400, 401, 0);
        verdict.requireLossless("twice", 400, 400, 2);
        verdict.requirePace("slow", 1000, 940);
        verdict.requireFigure("empty", "p99", Double.NaN);

        assertThat(verdict.failures()).containsExactly(
                "lost: 1 of 400 lost (399 arrived)",
                "extra: 1 more than the 400 expected arrived (repeated)",
                "twice: 2 delivered twice",
                "slow: did not keep pace, sent 940/s of 1,000/s asked",
                "empty: p99 was not measured");
        assertThat(verdict.conclude(new Report("test", "test", "test"))).isEqualTo(1);
    }
}
