package io.chainpulse.bench;

import io.chainpulse.bench.report.Verdict;
import java.util.List;
import java.util.Map;

/**
 * One fan-out step on one server: tips asked and sent per second (measured), frames expected and received, frames
 * per second (median of the step's middle seconds, and all frames ÷ the time they arrived in), latency, CPU.
 */
record FanoutStep(int askedTipsPerSecond, double sentTipsPerSecond, long expectedFrames, long frames, long duplicates,
        long socketsClosed, double framesPerSecond, double arrivalFramesPerSecond, double drainSeconds, boolean keptUp,
        double p50Ms, double p99Ms, double maxMs, Map<String, Double> cpuCores, double maxLoadgenProcessCores) {

    double serverCores() {
        return cpuCores.getOrDefault("server", Double.NaN);
    }

    /** Frames delivered per second per core the server used. */
    double framesPerServerCore() {
        return framesPerSecond / serverCores();
    }

    /**
     * Lost, repeated, a socket closed under load, a figure missing: each fails the run; so does a sender below pace
     * when {@code paceIsOurs} (the bench's producer writes to Kafka, which does not wait for the gateway). A baseline's
     * publisher waits for the server's answer to each batch, so there a slow sender is the server not keeping up.
     */
    void check(Verdict verdict, String step, boolean paceIsOurs) {
        if (paceIsOurs) {
            verdict.requirePace(step, askedTipsPerSecond, sentTipsPerSecond);
        }
        verdict.requireLossless(step, expectedFrames, frames, duplicates);
        if (socketsClosed > 0) {
            verdict.fail(step + ": " + socketsClosed + " sockets were closed");
        }
        verdict.requireFigure(step, "frames/s", framesPerSecond);
        verdict.requireFigure(step, "frames/s at arrival", arrivalFramesPerSecond);
        verdict.requireFigure(step, "latency p50", p50Ms);
        verdict.requireFigure(step, "latency p99", p99Ms);
        verdict.requireFigure(step, "server CPU", serverCores());
    }

    /** The run with the median frames/s (the last of the runs when they are few), kept up only if all kept up. */
    static FanoutStep median(List<FanoutStep> runs) {
        List<FanoutStep> sorted = runs.stream().sorted((a, b) -> Double.compare(a.framesPerSecond, b.framesPerSecond)).toList();
        FanoutStep middle = sorted.get(sorted.size() / 2);
        boolean all = runs.stream().allMatch(FanoutStep::keptUp);
        return all == middle.keptUp ? middle : new FanoutStep(middle.askedTipsPerSecond, middle.sentTipsPerSecond,
                middle.expectedFrames, middle.frames, middle.duplicates, middle.socketsClosed, middle.framesPerSecond,
                middle.arrivalFramesPerSecond, middle.drainSeconds, false, middle.p50Ms, middle.p99Ms, middle.maxMs,
                middle.cpuCores, middle.maxLoadgenProcessCores);
    }
}
