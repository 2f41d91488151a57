package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadStats;
import io.chainpulse.bench.report.LineChart;
import io.chainpulse.bench.report.Report;
import io.chainpulse.bench.stack.CpuMeter;
import io.chainpulse.bench.stack.Profiler;
import io.chainpulse.bench.stack.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Mass reconnect: every client is connected and has seen a tip; the gateway stops (SIGTERM); each creator gets
 * {@code missed} tips meanwhile; a fresh gateway starts on the same port; every client reconnects at once with
 * {@code ?since=<last id>}. Measured: time until every client has its missed tips, and how many it lacks.
 */
@Command(name = "reconnect", mixinStandardHelpOptions = true,
        description = "Mass reconnect: 10,000 clients reconnect at once after a gateway restart, each having missed 100 events.")
final class ReconnectBench implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ReconnectBench.class);

    @Mixin
    BenchOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--creators", defaultValue = "1000")
    int creators;

    @Option(names = "--clients-per-creator", defaultValue = "10")
    int clientsPerCreator;

    @Option(names = "--missed", defaultValue = "100", description = "Tips each creator gets while the gateway is down.")
    int missed;

    @Option(names = "--loadgens", defaultValue = "4")
    int loadgens;

    @Option(names = "--timeout-seconds", defaultValue = "300")
    int timeoutSeconds;

    @Option(names = "--replay", defaultValue = "batch",
            description = "How clients ask for what they missed: batch (BATCH frames, as the overlay page does) or frames (one frame per tip); default ${DEFAULT-VALUE}.")
    String replay;

    @Option(names = "--name", defaultValue = "reconnect", description = "Report file name (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        if (!replay.equals("batch") && !replay.equals("frames")) {
            throw new ParameterException(spec.commandLine(),
                    "--replay must be batch or frames, was " + replay);
        }
        int creatorCount = options.smoke ? 20 : creators;
        int perCreator = options.smoke ? 2 : clientsPerCreator;
        int missedTips = options.smoke ? 5 : missed;
        String command = "scripts/bench/run.sh reconnect" + (options.smoke ? " --smoke" : "") + " --runs " + options.runs()
                + " --creators " + creatorCount + " --clients-per-creator " + perCreator + " --missed " + missedTips + " --timeout-seconds " + timeoutSeconds + (replay.equals("batch") ? "" : " --replay " + replay) + (name.equals("reconnect") ? "" : " --name " + name)
                + options.gatewayArguments();
        Report report = new Report(name, "Mass reconnect after a gateway restart", command);
        List<Map<String, Object>> results = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<double[]> caughtCurve = new ArrayList<>();
        List<double[]> openCurve = new ArrayList<>();
        try (GatewayRig rig = GatewayRig.start(options, creatorCount, perCreator, options.smoke ? 1 : loadgens)) {
            rig.writer.sendToEach(1);
            awaitFrames(rig, (long) rig.sockets(), Duration.ofMinutes(2));
            for (int run = 0; run < options.runs(); run++) {
                Map<String, Object> result = run(rig, missedTips, caughtCurve, openCurve, run == options.runs() - 1);
                results.add(result);
                rows.add(List.of(String.valueOf(run + 1), String.valueOf(rig.sockets()),
                        Report.fmt((Double) result.get("gatewayRestartSeconds")),
                        Report.fmt((Double) result.get("allCaughtUpSeconds")), String.valueOf(result.get("recovered")),
                        String.valueOf(result.get("lostEvents")), result.get("duplicates") + " (" + result.get("extraFrames")
                                + " extra)",
                        String.valueOf(result.get("replayUnavailable")), String.valueOf(result.get("failedConnects")),
                        Report.fmt(((Map<String, Double>) result.get("cpuCores")).get("gateway")) + " / "
                                + Report.fmt(((Map<String, Double>) result.get("cpuCores")).get("broker")) + " / "
                                + Report.fmt(((Map<String, Double>) result.get("cpuCores")).get("loadgens"))));
            }
        }
        List<Double> times = results.stream().map(r -> (Double) r.get("allCaughtUpSeconds")).toList();
        boolean allCaughtUp = results.stream().noneMatch(r -> Double.isNaN((Double) r.get("allCaughtUpSeconds")));
        long lost = results.stream().mapToLong(r -> (Long) r.get("lostEvents")).sum();
        report.put("runs", results).put("medianAllCaughtUpSeconds", Stats.median(times)).put("totalLost", lost);
        report.text("The gateway runs in its own JVM (" + String.join(" ", options.gatewayJvmOptions()) + "). "
                + creatorCount * perCreator + " overlay sockets (" + perCreator + " per creator, " + creatorCount
                + " creators) in " + (options.smoke ? 1 : loadgens) + " Node load generators have each received a tip. "
                + "The gateway JVM is stopped (SIGTERM, sockets closed with 1001), " + missedTips + " tips per creator ("
                + creatorCount * missedTips + " in all) are written to the tips topic, a fresh gateway starts on the same "
                + "port, and every client reconnects at once with `?since=<last id it saw>&replay=" + replay + "` ("
                + (replay.equals("batch") ? "what it missed comes in `BATCH` frames, as the overlay page asks"
                        : "one frame per missed tip") + "). Caught up = the client got "
                + "`RECOVERED` and all " + missedTips + " missed tips, in order. Time from the reconnect command to the "
                + "last client caught up; median of " + options.runs() + " runs: **" + Report.fmt(Stats.median(times))
                + " s** (" + Stats.spread(times) + "), " + (allCaughtUp ? "events lost in all runs: **" + lost + "**."
                        : "**not every client caught up within " + timeoutSeconds + " s**: " + lost + " tips were not yet "
                        + "delivered when the run stopped waiting (the replays were still going; this is not a loss count)."));
        report.table(List.of("run", "clients", "gateway restart s", "all caught up s", "got RECOVERED", "lost (or not yet delivered at the timeout)", "duplicates (extra frames)",
                "REPLAY_UNAVAILABLE", "failed connects", "CPU cores gateway / broker / loadgens"), rows);
        report.chart("caught-up", new LineChart("Clients open and caught up after the reconnect (last run)", "seconds",
                "clients").series("caught up", caughtCurve).series("sockets open", openCurve));
        report.write(options.out());
        System.out.println("report: " + options.out().resolve(name + ".md"));
        long duplicates = results.stream().mapToLong(r -> ((Number) r.get("duplicates")).longValue()).sum();
        if (!allCaughtUp || lost > 0 || duplicates > 0) {
            // a reconnect that loses or repeats events failed, however fast it was
            System.err.println("reconnect failed: " + (allCaughtUp ? "" : "not every client caught up; ") + lost
                    + " events missing, " + duplicates + " delivered twice (see the report)");
            return 1;
        }
        return 0;
    }

    private Map<String, Object> run(GatewayRig rig, int missedTips, List<double[]> caughtCurve, List<double[]> openCurve,
            boolean keepCurve) {
        // a gateway that trains an AOT cache writes it as its JVM exits, which takes some seconds
        rig.gateway.stop(120);
        awaitOpen(rig, 0, Duration.ofSeconds(30));
        rig.writer.sendToEach(missedTips);
        rig.writer.counter().throwIfFailed();
        long restartStart = System.nanoTime();
        rig.startGateway();
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
        Profiler profiler = options.profile && keepCurve ? Profiler.start(rig.gateway, options.workDir) : null;
        CpuMeter cpu = CpuMeter.start(Map.of("gateway", List.of(rig.gateway.pid()),
                "broker", rig.stack.brokerProcess().map(handle -> List.of(handle.pid())).orElse(List.of()),
                "loadgens", rig.load.pids(), "postgres", List.of()));
        long start = System.currentTimeMillis();
        rig.load.reconnect(missedTips, "replay=" + replay);
        double caughtUpMs;
        try {
            caughtUpMs = rig.load.awaitCaughtUp(Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalStateException e) {
            log.warn("not every client caught up within {} s: {}", timeoutSeconds, e.getMessage());
            caughtUpMs = Double.NaN;
        }
        Map<String, Double> cores = cpu.cores();
        if (profiler != null) {
            profiler.stopInto(options.out().resolve(name + "-profile-gateway.txt"),
                    rig.sockets() + " clients reconnecting with since=, " + missedTips + " missed tips each");
        }
        Sleep.millis(2000);
        LoadStats stats = rig.load.stats();
        if (keepCurve) {
            for (var entry : rig.load.seconds(start, System.currentTimeMillis())) {
                caughtCurve.add(new double[] {entry.getKey() - start / 1000.0, entry.getValue().caught});
                openCurve.add(new double[] {entry.getKey() - start / 1000.0, entry.getValue().open});
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clients", rig.sockets());
        result.put("missedPerClient", missedTips);
        result.put("gatewayRestartSeconds", restartSeconds);
        result.put("allCaughtUpSeconds", caughtUpMs / 1000);
        result.put("recovered", stats.recovered());
        result.put("lostEvents", stats.missing());
        // a frame id that does not increase; more frames than missed only means a client was still replaying from
        // the previous run when the gateway was stopped again
        result.put("duplicates", stats.duplicates());
        result.put("extraFrames", Math.max(0, stats.framesTotal() - (long) missedTips * rig.sockets()));
        result.put("replayUnavailable", stats.unavailable());
        result.put("failedConnects", stats.failedConnects());
        result.put("open", stats.open());
        result.put("closes", stats.closes());
        result.put("cpuCores", cores);
        log.info("reconnect run {}", result);
        return result;
    }

    private static void awaitFrames(GatewayRig rig, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rig.load.stats().framesTotal() < expected && System.nanoTime() < deadline) {
            Sleep.millis(200);
        }
    }

    private static void awaitOpen(GatewayRig rig, long open, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rig.load.stats().open() > open && System.nanoTime() < deadline) {
            Sleep.millis(200);
        }
    }
}
