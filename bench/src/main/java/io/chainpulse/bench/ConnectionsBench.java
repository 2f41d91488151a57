package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadGenerators.ClientSpec;
import io.chainpulse.bench.report.LineChart;
import io.chainpulse.bench.report.Report;
import io.chainpulse.bench.report.Verdict;
import io.chainpulse.bench.stack.BenchStack;
import io.chainpulse.bench.stack.Creators;
import io.chainpulse.bench.stack.Creators.BenchCreator;
import io.chainpulse.bench.stack.CpuMeter;
import io.chainpulse.bench.stack.Jcmd;
import io.chainpulse.bench.stack.ProcStat;
import io.chainpulse.bench.stack.ServiceProcess;
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
import picocli.CommandLine.Option;

/**
 * Idle overlay sockets held by one gateway process, and its memory per socket: RSS growth / N and live-heap growth /
 * N (after a full GC), at each level, from a fresh gateway each time.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Idle connections held by one gateway and memory per connection (RSS growth / N) at 5k, 10k and the file limit.")
final class ConnectionsBench implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsBench.class);

    @Mixin
    BenchOptions options;

    @Option(names = "--levels", split = ",", defaultValue = "5000,10000,max",
            description = "Connection counts; max = the gateway's open-file limit minus the descriptors it already uses.")
    List<String> levels;

    @Option(names = "--creators", defaultValue = "1000", description = "Creators the sockets subscribe to, round-robin.")
    int creatorCount;

    @Option(names = "--per-loadgen", defaultValue = "4000", description = "Sockets per Node load-generator process.")
    int perLoadgen;

    @Option(names = "--name", defaultValue = "connections", description = "Report file name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--against", paramLabel = "BASELINE", description = "After each level, the same sockets on a "
            + "fresh baseline in this command: droppio-node (bench/baselines/droppio-node.mjs); RSS per socket and the ratio.")
    List<String> against = new ArrayList<>();

    record Level(String level, int target, int open, double rssBeforeMb, double rssAfterMb, double heapBeforeMb, double heapAfterMb,
            double rssPerConnectionKb, double heapPerConnectionKb, double connectSeconds, int gatewayFds,
            Map<String, Double> cpuWhileConnecting) {}

    @Override
    public Integer call() {
        List<String> wanted = options.smoke ? List.of("200") : levels;
        String command = "scripts/bench/run.sh connections" + (options.smoke ? " --smoke" : "") + " --runs " + options.runs()
                + " --levels " + String.join(",", wanted) + (name.equals("connections") ? "" : " --name " + name)
                + (creatorCount == 1000 ? "" : " --creators " + creatorCount)
                + against.stream().map(baseline -> " --against " + baseline).reduce("", String::concat)
                + options.gatewayJvmArgument();
        try (BenchStack stack = BenchStack.start(options.workDir)) {
            List<BenchCreator> creators = Creators.register(stack.database(), options.smoke ? 20 : creatorCount);
            List<Level> results = new ArrayList<>();
            List<List<String>> ratios = new ArrayList<>();
            Verdict verdict = new Verdict();
            for (String level : wanted) {
                for (int run = 0; run < options.runs(); run++) {
                    Level measured = measure(stack, creators, level);
                    results.add(measured);
                    log.info("connections {}: {}", level, measured);
                    String step = "level " + level + ", run " + (run + 1);
                    if (measured.open() < measured.target()) {
                        verdict.fail(step + ": " + (measured.target() - measured.open()) + " of " + measured.target()
                                + " sockets did not stay open");
                    }
                    verdict.requireFigure(step, "RSS per socket", measured.rssPerConnectionKb());
                    verdict.requireFigure(step, "live heap per socket", measured.heapPerConnectionKb());
                }
                Level ours = results.get(results.size() - 1);
                for (String baseline : against) {
                    BaselineConnections.Measured theirs = BaselineConnections.measure(baseline, creators, ours.target(),
                            perLoadgen, Duration.ofMillis(options.smoke ? 1000 : 5000), options.workDir);
                    log.info("connections {} on {}: {}", level, baseline, theirs);
                    if (theirs.open() < theirs.target()) {
                        verdict.fail(baseline + " level " + level + ": " + (theirs.target() - theirs.open()) + " of "
                                + theirs.target() + " sockets did not stay open");
                    }
                    verdict.requireFigure(baseline + " level " + level, "RSS per socket", theirs.rssPerSocketKb());
                    ratios.add(List.of(level, baseline, String.valueOf(theirs.open()),
                            FanoutReport.ratio(ours.rssPerConnectionKb(), theirs.rssPerSocketKb())));
                }
            }
            Report report = report(command, results);
            if (!ratios.isEmpty()) {
                report.put("baselines", ratios);
                report.text("**ChainPulse ÷ baseline, RSS KB per idle socket** (the last ChainPulse run of each level; "
                        + "the baseline a fresh Node process with the same sockets, creators and load generators, "
                        + "RSS growth while they connected and settled ÷ open sockets)");
                report.table(List.of("level", "baseline", "baseline sockets open", "RSS KB per socket, ours ÷ theirs"), ratios);
            }
            int exit = verdict.conclude(report);
            report.write(options.out());
            System.out.println("report: " + options.out().resolve(name + ".md"));
            return exit;
        }
    }

    private Level measure(BenchStack stack, List<BenchCreator> creators, String level) {
        int port = BenchStack.freePort();
        try (ServiceProcess gateway = stack.startGateway(port, options.gatewayJvmOptions(), Map.of())) {
            Sleep.millis(3000);
            int baseFds = ProcStat.openFiles(gateway.pid());
            int target = level.equals("max") ? fileLimit() - baseFds - 60 : Integer.parseInt(level);
            long heapBefore = Jcmd.liveHeapBytes(gateway.pid());
            long rssBefore = gateway.rssBytes();
            List<ClientSpec> clients = new ArrayList<>(target);
            for (int i = 0; i < target; i++) {
                BenchCreator creator = creators.get(i % creators.size());
                clients.add(new ClientSpec(creator.creatorId().toString(), creator.token()));
            }
            int processes = Math.max(1, (target + perLoadgen - 1) / perLoadgen);
            long started = System.nanoTime();
            try (LoadGenerators load = LoadGenerators.start("ws://127.0.0.1:" + port, clients, processes, 512,
                    options.workDir)) {
                CpuMeter cpu = CpuMeter.start(Map.of("gateway", List.of(gateway.pid()), "loadgens", load.pids(),
                        "postgres", List.of()));
                long open = load.awaitConnected(Duration.ofMinutes(10));
                double connectSeconds = (System.nanoTime() - started) / 1e9;
                Map<String, Double> cores = cpu.cores();
                Sleep.millis(options.smoke ? 1000 : 5000);
                long rssAfter = gateway.rssBytes();
                long heapAfter = Jcmd.liveHeapBytes(gateway.pid());
                int fds = ProcStat.openFiles(gateway.pid());
                long stillOpen = load.stats().open();
                return new Level(level, target, (int) stillOpen, mb(rssBefore), mb(rssAfter), mb(heapBefore), mb(heapAfter),
                        stillOpen == 0 ? Double.NaN : (rssAfter - rssBefore) / 1024.0 / stillOpen,
                        stillOpen == 0 ? Double.NaN : (heapAfter - heapBefore) / 1024.0 / stillOpen, connectSeconds, fds, cores);
            }
        }
    }

    private static int fileLimit() {
        try {
            Process process = new ProcessBuilder("sh", "-c", "ulimit -Hn").start();
            return Integer.parseInt(new String(process.getInputStream().readAllBytes()).trim());
        } catch (Exception e) {
            return 20_000;
        }
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private Report report(String command, List<Level> results) {
        Report report = new Report(name, "Idle connections and memory per connection", command);
        Map<String, List<Level>> byTarget = new LinkedHashMap<>();
        results.forEach(level -> byTarget.computeIfAbsent(level.level(), t -> new ArrayList<>()).add(level));
        List<List<String>> rows = new ArrayList<>();
        List<double[]> rssPoints = new ArrayList<>();
        List<double[]> heapPoints = new ArrayList<>();
        List<Map<String, Object>> medians = new ArrayList<>();
        for (var entry : byTarget.entrySet()) {
            List<Level> runs = entry.getValue();
            double open = Stats.median(runs.stream().map(l -> (double) l.open()).toList());
            double rssKb = Stats.median(runs.stream().map(Level::rssPerConnectionKb).toList());
            double heapKb = Stats.median(runs.stream().map(Level::heapPerConnectionKb).toList());
            double rssAfter = Stats.median(runs.stream().map(Level::rssAfterMb).toList());
            double rssBefore = Stats.median(runs.stream().map(Level::rssBeforeMb).toList());
            double heapAfter = Stats.median(runs.stream().map(Level::heapAfterMb).toList());
            double seconds = Stats.median(runs.stream().map(Level::connectSeconds).toList());
            double gatewayCpu = Stats.median(runs.stream().map(l -> l.cpuWhileConnecting().get("gateway")).toList());
            double loadCpu = Stats.median(runs.stream().map(l -> l.cpuWhileConnecting().get("loadgens")).toList());
            rows.add(List.of(entry.getKey().equals("max") ? "file limit (" + runs.get(0).target() + ")" : entry.getKey(), Report.fmt(open), Report.fmt(rssBefore) + " → " + Report.fmt(rssAfter),
                    Report.fmt(rssKb) + " (" + Stats.spread(runs.stream().map(Level::rssPerConnectionKb).toList()) + ")",
                    Report.fmt(heapKb) + " (" + Stats.spread(runs.stream().map(Level::heapPerConnectionKb).toList()) + ")",
                    Report.fmt(heapAfter), Report.fmt(open / seconds), Report.fmt(gatewayCpu) + " / " + Report.fmt(loadCpu)));
            rssPoints.add(new double[] {open, rssAfter});
            heapPoints.add(new double[] {open, heapAfter});
            medians.add(Map.of("target", entry.getKey(), "open", open, "rssPerConnectionKb", rssKb,
                    "liveHeapPerConnectionKb", heapKb, "rssAfterMb", rssAfter, "liveHeapAfterMb", heapAfter,
                    "connectsPerSecond", open / seconds));
        }
        report.put("runs", results).put("medians", medians);
        report.text("Each level starts a fresh gateway JVM (`GatewayMain`, " + String.join(" ", options.gatewayJvmOptions())
                + "), measures its RSS and live heap (after `jcmd GC.run`), opens the sockets from Node load generators "
                + "(`scripts/bench/loadgen.mjs`, " + perLoadgen + " sockets each, one loopback source address each), waits "
                + "5 s and measures again. Per-connection figures are growth / open sockets; medians of " + options.runs()
                + " runs with (min–max).");
        report.table(List.of("target", "open", "RSS MB before → after", "RSS KB / conn", "live heap KB / conn",
                "live heap MB after", "connects/s", "CPU cores gateway / loadgens (connecting)"), rows);
        if (rssPoints.size() >= 2) {
            double[] first = rssPoints.get(0);
            double[] last = rssPoints.get(rssPoints.size() - 1);
            double slope = (last[1] - first[1]) / (last[0] - first[0]);
            double intercept = first[1] - slope * first[0];
            report.put("extrapolation", Map.of("mbPerConnection", slope, "interceptMb", intercept,
                    "rssMbAt100k", intercept + slope * 100_000));
            report.text("Linear fit of RSS against open sockets: %.2f KB per connection over a %.0f MB base; "
                    .formatted(slope * 1024, intercept)
                    + "100,000 sockets would take about %.0f MB of RSS (a JVM heap to match, and 100,000 descriptors: "
                    .formatted(intercept + slope * 100_000)
                    + "this machine's hard limit of 20,000 per process caps one gateway at ~19,900).");
            List<double[]> fit = new ArrayList<>();
            for (double n = 0; n <= last[0]; n += last[0] / 10) {
                fit.add(new double[] {n, intercept + slope * n});
            }
            report.chart("memory", new LineChart("Gateway memory against idle connections", "open connections", "MB")
                    .series("RSS (median)", rssPoints).series("live heap after full GC", heapPoints).dashed("linear fit of RSS", fit));
        }
        return report;
    }
}
