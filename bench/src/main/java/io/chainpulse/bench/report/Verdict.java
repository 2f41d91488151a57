package io.chainpulse.bench.report;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a benchmark run failed on: an event lost or delivered twice, a step whose sender did not keep to the rate it
 * was asked for, a figure that could not be measured. Any of them makes the command exit 1, naming each. One thread.
 */
public final class Verdict {
    private static final Logger log = LoggerFactory.getLogger(Verdict.class);

    /** A step keeps pace when its measured send rate is at least this share of the rate asked for. */
    public static final double PACE = 0.95;

    private final List<String> failures = new ArrayList<>();

    public void fail(String failure) {
        log.error("bench check failed: {}", failure);
        failures.add(failure);
    }

    /** Every expected event arrived, none twice. */
    public void requireLossless(String step, long expected, long received, long duplicates) {
        if (received < expected) {
            fail(step + ": " + (expected - received) + " of " + expected + " lost (" + received + " arrived)");
        } else if (received > expected) {
            fail(step + ": " + (received - expected) + " more than the " + expected + " expected arrived (repeated)");
        }
        if (duplicates > 0) {
            fail(step + ": " + duplicates + " delivered twice");
        }
    }

    /** The measured rate is at least {@link #PACE} of the rate asked for. */
    public void requirePace(String step, double asked, double measured) {
        if (Double.isNaN(measured) || measured < PACE * asked) {
            fail(step + ": did not keep pace, sent " + Report.fmt(measured) + "/s of " + Report.fmt(asked) + "/s asked");
        }
    }

    /** A figure that must have been measured (NaN: no samples, no process). */
    public void requireFigure(String step, String figure, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            fail(step + ": " + figure + " was not measured");
        }
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Adds the outcome to the report and gives the exit code: 0 when nothing failed, 1 otherwise. */
    public int conclude(Report report) {
        report.put("failures", failures);
        if (failures.isEmpty()) {
            report.text("**Checks: no event lost or repeated, every step kept pace, every figure measured.**");
            return 0;
        }
        report.text("**FAILED checks:**\n\n" + String.join("\n", failures.stream().map(failure -> "- " + failure).toList()));
        System.err.println("bench FAILED:");
        failures.forEach(failure -> System.err.println("  " + failure));
        return 1;
    }
}
