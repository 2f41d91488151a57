package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadStats;
import io.chainpulse.bench.load.LoadGenerators.Second;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.report.Histogram;
import io.chainpulse.bench.report.LineChart;
import io.chainpulse.bench.report.Report;
import io.chainpulse.bench.report.Verdict;
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
import picocli.CommandLine.Option;

/**
 * Frames per second one gateway delivers to many sockets (10 per creator) as the tip rate steps up, and with
 * {@code --against}, the same steps on a re-created original design in the same command, with the ratios.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Fan-out: frames delivered per second with 10,000 connected clients over 1,000 creators.")
final class FanoutBench implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(FanoutBench.class);

    private static final int WARM_UP_RATE = 3_000;

    @Mixin
    BenchOptions options;

    @Option(names = "--rates", split = ",", defaultValue = "2000,5000,10000,15000,20000,30000",
            description = "Tips per second, stepped up (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "15", description = "Seconds per step (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--creators", defaultValue = "1000")
    int creators;

    @Option(names = "--clients-per-creator", defaultValue = "10")
    int clientsPerCreator;

    @Option(names = "--loadgens", defaultValue = "4")
    int loadgens;

    @Option(names = "--against", paramLabel = "BASELINE", description = "Run the same steps on a baseline after "
            + "ChainPulse, in this command: droppio-node (bench/baselines/droppio-node.mjs).")
    List<String> against = new ArrayList<>();

    @Option(names = "--name", defaultValue = "fanout", description = "Report file name (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        List<Integer> steps = options.smoke ? List.of(100, 200) : rates;
        int window = options.smoke ? 2 : seconds;
        int creatorCount = options.smoke ? 20 : creators;
        int perCreator = options.smoke ? 2 : clientsPerCreator;
        int generators = options.smoke ? 1 : loadgens;
        String command = "scripts/bench/run.sh fanout" + (options.smoke ? " --smoke" : "") + " --runs " + options.runs()
                + " --rates " + steps.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                + " --seconds " + window + (name.equals("fanout") ? "" : " --name " + name)
                + against.stream().map(baseline -> " --against " + baseline).reduce("", String::concat)
                + options.gatewayArguments();
        Report report = new Report(name, "Fan-out: frames per second to " + creatorCount * perCreator + " sockets over "
                + creatorCount + " creators", command);
        Verdict verdict = new Verdict();
        Map<String, Map<Integer, FanoutStep>> byServer = new LinkedHashMap<>();
        Map<String, Double> rssPerSocket = new LinkedHashMap<>();
        List<String> servers = new ArrayList<>(List.of("chainpulse"));
        servers.addAll(against);
        for (String server : servers) {
            try (FanoutTarget target = server.equals("chainpulse")
                    ? GatewayRig.start(options, creatorCount, perCreator, generators)
                    : NodeBaselineRig.start(server, creatorCount, perCreator, generators, options.workDir)) {
                rssPerSocket.put(server, target.rssPerSocketKb());
                verdict.requireFigure(server, "RSS per socket", target.rssPerSocketKb());
                // JIT warm-up of the servers, the load generators and this producer, unmeasured
                target.sendAtRate(options.smoke ? 500 : WARM_UP_RATE, Duration.ofSeconds(options.smoke ? 1 : 30));
                target.load().awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(60));
                Map<Integer, FanoutStep> results = new LinkedHashMap<>();
                for (int rate : steps) {
                    List<FanoutStep> runs = new ArrayList<>();
                    for (int run = 0; run < options.runs(); run++) {
                        FanoutStep result = step(target, rate, window);
                        result.check(verdict, server + " at " + rate + " tips/s, run " + (run + 1),
                                target instanceof GatewayRig);
                        runs.add(result);
                    }
                    results.put(rate, FanoutStep.median(runs));
                    if (!results.get(rate).keptUp()) {
                        break;
                    }
                }
                byServer.put(server, results);
            }
        }
        new FanoutReport(report, perCreator, generators, window, options).write(byServer, rssPerSocket);
        int exit = verdict.conclude(report);
        report.write(options.out());
        System.out.println("report: " + options.out().resolve(name + ".md"));
        return exit;
    }

    private FanoutStep step(FanoutTarget target, int rate, int window) {
        LoadGenerators load = target.load();
        load.reset();
        Profiler profiler = options.profile && target instanceof GatewayRig rig
                ? Profiler.start(rig.gateway, options.workDir) : null;
        CpuMeter cpu = CpuMeter.start(target.cpuGroups());
        long start = System.currentTimeMillis();
        Sent sent = target.sendAtRate(rate, Duration.ofSeconds(window));
        long sendEnd = System.currentTimeMillis();
        long expected = sent.count() * target.clientsPerCreator();
        Map<String, Double> cores = cpu.cores();
        if (profiler != null) {
            profiler.stopInto(options.out().resolve(name + "-profile-gateway.txt"),
                    "fan-out step at " + rate + " tips/s x " + target.clientsPerCreator() + " sockets per creator");
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && load.stats().framesTotal() < expected) {
            Sleep.millis(100);
        }
        long keptUpAt = System.currentTimeMillis();
        // kept up: every frame within 10 s, and the tips went out at the rate asked (a baseline's publish blocks)
        boolean keptUp = load.stats().framesTotal() >= expected && sent.measuredPerSecond() >= Verdict.PACE * rate;
        if (!keptUp) {
            // the backlog goes before the next step, and what still has not come then is lost
            load.awaitQuiet(Duration.ofSeconds(3), Duration.ofSeconds(120));
        }
        Sleep.millis(1200);
        LoadStats stats = load.stats();
        List<Double> perSecond = new ArrayList<>();
        for (Map.Entry<Long, Second> entry : load.seconds(start + 2000, sendEnd - 1000)) {
            perSecond.add((double) entry.getValue().frames);
        }
        Histogram latency = load.latencySinceReset();
        double maxLoadgen = 0;
        for (Map.Entry<Long, Second> entry : load.seconds(start, System.currentTimeMillis())) {
            maxLoadgen = Math.max(maxLoadgen, entry.getValue().maxProcessCpuCores);
        }
        double medianPerSecond = perSecond.isEmpty() ? stats.arrivalRatePerSecond() : Stats.median(perSecond);
        FanoutStep result = new FanoutStep(rate, sent.measuredPerSecond(), expected, stats.framesTotal(),
                stats.duplicates(), stats.closes().values().stream().mapToLong(Long::longValue).sum(), medianPerSecond,
                stats.arrivalRatePerSecond(), (keptUpAt - sendEnd) / 1000.0, keptUp, latency.quantile(0.5),
                latency.quantile(0.99), latency.max(), cores, maxLoadgen);
        log.info("{} fan-out step {}", target.name(), result);
        return result;
    }
}
