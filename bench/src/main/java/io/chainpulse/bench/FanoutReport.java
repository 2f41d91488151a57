package io.chainpulse.bench;

import io.chainpulse.bench.report.LineChart;
import io.chainpulse.bench.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fan-out report: a table per server, and with a baseline, ChainPulse ÷ baseline per step. */
final class FanoutReport {
    private final Report report;
    private final String setup;
    private final String unit;
    private final int perCreator;
    private final int loadgens;
    private final int window;
    private final BenchOptions options;

    /**
     * @param setup how each server is run and how its events reach it
     * @param unit what is fanned out, plural ("tips", "stream events")
     */
    FanoutReport(Report report, String setup, String unit, int perCreator, int loadgens, int window,
            BenchOptions options) {
        this.report = report;
        this.setup = setup;
        this.unit = unit;
        this.perCreator = perCreator;
        this.loadgens = loadgens;
        this.window = window;
        this.options = options;
    }

    void write(Map<String, Map<Integer, FanoutStep>> byServer, Map<String, Double> rssPerSocket) {
        report.put("steps", byServer).put("rssPerSocketKb", rssPerSocket);
        report.text(setup + " Each " + unit.substring(0, unit.length() - 1) + " goes to " + perCreator + " sockets held by " + loadgens + " Node load "
                + "generators on separate loopback addresses. A step runs " + window + " s: " + unit + "/s sent is "
                + "measured (" + unit + " ÷ the time the sending took); frames/s is the median of the per-second counts of the step's "
                + "middle seconds, and frames ÷ the time from the first to the last frame beside it; a step keeps up "
                + "when every frame arrived within 10 s of the last send and the " + unit + " went out at ≥ 95 % of the rate "
                + "asked (a baseline answers each HTTP batch after queuing its frames, so a busy baseline slows its "
                + "publisher: that is the baseline not keeping up; ChainPulse's producer writes to Kafka and a slow one "
                + "fails the run). Latency: produce call → frame parsed, over "
                + "every frame of the step, HdrHistogram (3 significant digits). Server cores: CPU seconds of the "
                + "server process ÷ the step's wall time. RSS per socket: the server's RSS growth while its sockets "
                + "connected ÷ sockets. Medians of " + options.runs() + " runs.");
        List<String> header = List.of(unit + "/s asked", unit + "/s sent", "frames/s offered", "frames/s delivered",
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
            report.table(List.of(unit + "/s", "frames/s", "frames / server core", "p50", "p99", "kept up (ours / theirs)"), rows);
        }
    }

    /** "a ÷ b = r×" with both figures. */
    static String ratio(double ours, double theirs) {
        return Report.fmt(ours) + " ÷ " + Report.fmt(theirs) + " = **" + Report.fmt(ours / theirs) + "×**";
    }
}
