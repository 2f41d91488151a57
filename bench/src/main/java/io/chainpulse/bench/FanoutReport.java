package io.chainpulse.bench;

import io.chainpulse.bench.report.LineChart;
import io.chainpulse.bench.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fan-out report: a table per server, and with a baseline, ChainPulse ÷ baseline per step. */
final class FanoutReport {
    private final Report report;
    private final int perCreator;
    private final int loadgens;
    private final int window;
    private final BenchOptions options;

    FanoutReport(Report report, int perCreator, int loadgens, int window, BenchOptions options) {
        this.report = report;
        this.perCreator = perCreator;
        this.loadgens = loadgens;
        this.window = window;
        this.options = options;
    }

    void write(Map<String, Map<Integer, FanoutStep>> byServer, Map<String, Double> rssPerSocket) {
        report.put("steps", byServer).put("rssPerSocketKb", rssPerSocket);
        report.text("ChainPulse: the gateway in its own JVM (" + String.join(" ", options.gatewayJvmOptions()) + "), "
                + "tips written straight into the per-creator topic by this JVM round-robin over the creators (the "
                + "processor is not in this path: `throughput` measures it). A baseline (`--against`) is a Node "
                + "re-creation of an original design, tips published to it by this JVM in HTTP batches every 5 ms; it "
                + "runs after ChainPulse in the same command under the same sockets, creators, frames (the gateway's "
                + "fields) and rates. Each tip goes to " + perCreator + " sockets held by " + loadgens + " Node load "
                + "generators on separate loopback addresses. A step runs " + window + " s: tips/s sent is measured "
                + "(tips ÷ the time the sending took); frames/s is the median of the per-second counts of the step's "
                + "middle seconds, and frames ÷ the time from the first to the last frame beside it; a step keeps up "
                + "when every frame arrived within 10 s of the last send and the tips went out at ≥ 95 % of the rate "
                + "asked (a baseline answers each HTTP batch after queuing its frames, so a busy baseline slows its "
                + "publisher: that is the baseline not keeping up; ChainPulse's producer writes to Kafka and a slow one "
                + "fails the run). Latency: produce call → frame parsed, over "
                + "every frame of the step, HdrHistogram (3 significant digits). Server cores: CPU seconds of the "
                + "server process ÷ the step's wall time. RSS per socket: the server's RSS growth while its sockets "
                + "connected ÷ sockets. Medians of " + options.runs() + " runs.");
        List<String> header = List.of("tips/s asked", "tips/s sent", "frames/s offered", "frames/s delivered",
                "frames/s at arrival", "frames / expected", "drain s", "p50 ms", "p99 ms", "kept up", "server cores",
                "frames / server core", "CPU cores of each");
        for (Map.Entry<String, Map<Integer, FanoutStep>> server : byServer.entrySet()) {
            List<List<String>> rows = new ArrayList<>();
            List<double[]> delivered = new ArrayList<>();
            List<double[]> offered = new ArrayList<>();
            for (FanoutStep step : server.getValue().values()) {
                double framesOffered = step.sentTipsPerSecond() * perCreator;
                rows.add(List.of(String.valueOf(step.askedTipsPerSecond()), Report.fmt(step.sentTipsPerSecond()),
                        Report.fmt(framesOffered), Report.fmt(step.framesPerSecond()),
                        Report.fmt(step.arrivalFramesPerSecond()), step.frames() + " / " + step.expectedFrames(),
                        Report.fmt(step.drainSeconds()), Report.fmt(step.p50Ms()), Report.fmt(step.p99Ms()),
                        step.keptUp() ? "yes" : "no", Report.fmt(step.serverCores()),
                        Report.fmt(step.framesPerServerCore()), step.cpuCores().toString()));
                delivered.add(new double[] {step.askedTipsPerSecond() * (double) perCreator, step.framesPerSecond()});
                offered.add(new double[] {step.askedTipsPerSecond() * (double) perCreator,
                        step.askedTipsPerSecond() * (double) perCreator});
            }
            report.text("**" + server.getKey() + "** (RSS per socket " + Report.fmt(rssPerSocket.get(server.getKey()))
                    + " KB)");
            report.table(header, rows);
            report.chart(server.getKey() + "-frames", new LineChart(server.getKey() + ": frames delivered against offered",
                    "frames/s offered", "frames/s").series("delivered", delivered).dashed("offered", offered));
        }
        Map<Integer, FanoutStep> ours = byServer.get("chainpulse");
        for (Map.Entry<String, Map<Integer, FanoutStep>> baseline : byServer.entrySet()) {
            if (baseline.getKey().equals("chainpulse")) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<Integer, FanoutStep> step : ours.entrySet()) {
                FanoutStep theirs = baseline.getValue().get(step.getKey());
                if (theirs == null) {
                    continue;
                }
                FanoutStep mine = step.getValue();
                rows.add(List.of(String.valueOf(step.getKey()), ratio(mine.framesPerSecond(), theirs.framesPerSecond()),
                        ratio(mine.framesPerServerCore(), theirs.framesPerServerCore()), ratio(mine.p50Ms(), theirs.p50Ms()),
                        ratio(mine.p99Ms(), theirs.p99Ms()), (mine.keptUp() ? "yes" : "no") + " / " + (theirs.keptUp() ? "yes" : "no")));
            }
            report.text("**ChainPulse ÷ " + baseline.getKey() + "**, same command (RSS per socket: "
                    + ratio(rssPerSocket.get("chainpulse"), rssPerSocket.get(baseline.getKey())) + ")");
            report.table(List.of("tips/s", "frames/s", "frames / server core", "p50", "p99", "kept up (ours / theirs)"), rows);
        }
    }

    /** "a ÷ b = r×" with both figures. */
    static String ratio(double ours, double theirs) {
        return Report.fmt(ours) + " ÷ " + Report.fmt(theirs) + " = **" + Report.fmt(ours / theirs) + "×**";
    }
}
