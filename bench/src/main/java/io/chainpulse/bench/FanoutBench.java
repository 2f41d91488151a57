package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators.Second;
import io.chainpulse.bench.report.Histogram;
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
import picocli.CommandLine.Option;

/** Frames per second one gateway delivers to many sockets (10 per creator) as the tip rate steps up. */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Fan-out: frames delivered per second with 10,000 connected clients over 1,000 creators.")
final class FanoutBench implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(FanoutBench.class);

    private static final int WARM_UP_RATE = 3_000;

    @Mixin
    BenchOptions options;

    @Option(names = "--rates", split = ",", defaultValue = "2000,5000,10000,15000,20000,30000",
            description = "Tips per second into the tips topic, stepped up (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "15", description = "Seconds per step (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--creators", defaultValue = "1000")
    int creators;

    @Option(names = "--clients-per-creator", defaultValue = "10")
    int clientsPerCreator;

    @Option(names = "--loadgens", defaultValue = "4")
    int loadgens;

    @Option(names = "--name", defaultValue = "fanout", description = "Report file name (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        List<Integer> steps = options.smoke ? List.of(100, 200) : rates;
        int window = options.smoke ? 2 : seconds;
        int creatorCount = options.smoke ? 20 : creators;
        int perCreator = options.smoke ? 2 : clientsPerCreator;
        String command = "scripts/bench/run.sh fanout" + (options.smoke ? " --smoke" : "") + " --runs " + options.runs()
                + " --rates " + steps.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                + " --seconds " + window + (name.equals("fanout") ? "" : " --name " + name)
                + options.gatewayArguments();
        Report report = new Report(name, "Fan-out: frames per second to " + creatorCount * perCreator + " sockets over "
                + creatorCount + " creators", command);
        List<Map<String, Object>> results = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<double[]> delivered = new ArrayList<>();
        List<double[]> offered = new ArrayList<>();
        double best = 0;
        try (GatewayRig rig = GatewayRig.start(options, creatorCount, perCreator, options.smoke ? 1 : loadgens)) {
            // JIT warm-up of the gateway, the load generators and this producer, unmeasured: after 5 s at 500/s the
            // compiler threads still took half of this JVM's CPU and a tenth of the gateway's in the first step
            rig.writer.sendAtRate(options.smoke ? 500 : WARM_UP_RATE, Duration.ofSeconds(options.smoke ? 1 : 30));
            rig.load.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(60));
            for (int rate : steps) {
                List<Double> medians = new ArrayList<>();
                List<Map<String, Object>> runs = new ArrayList<>();
                boolean keptUp = true;
                for (int run = 0; run < options.runs(); run++) {
                    Map<String, Object> result = step(rig, rate, window);
                    runs.add(result);
                    results.add(result);
                    medians.add((Double) result.get("medianFramesPerSecond"));
                    keptUp &= (Boolean) result.get("keptUp");
                }
                double median = Stats.median(medians);
                Map<String, Object> last = runs.get(runs.size() - 1);
                @SuppressWarnings("unchecked")
                Map<String, Double> cpu = (Map<String, Double>) last.get("cpuCores");
                rows.add(List.of(String.valueOf(rate), Report.fmt((double) rate * perCreator), Report.fmt(median) + " ("
                        + Stats.spread(medians) + ")", last.get("frames") + " / " + last.get("expectedFrames"),
                        Report.fmt((Double) last.get("drainSeconds")), Report.fmt((Double) last.get("p99Ms")),
                        keptUp ? "yes" : "no", Report.fmt(cpu.get("gateway")) + " / " + Report.fmt(cpu.get("broker")) + " / "
                                + Report.fmt(cpu.get("producer (bench JVM)")) + " / " + Report.fmt(cpu.get("loadgens"))
                                + " (max one: " + Report.fmt((Double) last.get("maxLoadgenProcessCores")) + ")"));
                delivered.add(new double[] {rate * (double) perCreator, median});
                offered.add(new double[] {rate * (double) perCreator, rate * (double) perCreator});
                if (keptUp) {
                    best = Math.max(best, median);
                } else {
                    break;
                }
            }
        }
        report.put("steps", results).put("bestSustainedFramesPerSecond", best);
        report.text("The gateway runs alone in its own JVM (" + String.join(" ", options.gatewayJvmOptions()) + "); tips are "
                + "written straight into the per-creator topic by this JVM round-robin over the creators (the processor "
                + "is not in this path: it is measured by `throughput`), and each is pushed to " + perCreator + " sockets "
                + "held by " + (options.smoke ? 1 : loadgens) + " Node load generators on separate loopback addresses. "
                + "Each step runs " + window + " s; frames/s is the median of the per-second counts of the step's "
                + "middle seconds; a step keeps up when every frame arrived within 10 s of the last send. Medians of "
                + options.runs() + " runs (min–max).");
        report.table(List.of("tips/s in", "frames/s offered", "frames/s delivered", "frames / expected", "drain s",
                "p99 ms", "kept up", "CPU cores gateway / broker / producer / loadgens"), rows);
        report.text("**Highest rate kept up: " + Report.fmt(best) + " frames/s.**");
        report.chart("frames", new LineChart("Frames delivered against frames offered", "frames/s offered", "frames/s")
                .series("delivered (median)", delivered).dashed("offered", offered));
        report.write(options.out());
        System.out.println("report: " + options.out().resolve(name + ".md"));
        return 0;
    }

    private Map<String, Object> step(GatewayRig rig, int rate, int window) {
        rig.load.reset();
        Profiler profiler = options.profile ? Profiler.start(rig.gateway, options.workDir) : null;
        CpuMeter cpu = CpuMeter.start(Map.of("gateway", List.of(rig.gateway.pid()),
                "broker", rig.stack.brokerProcess().map(handle -> List.of(handle.pid())).orElse(List.of()),
                "producer (bench JVM)", List.of(ProcessHandle.current().pid()), "loadgens", rig.load.pids()));
        long sentBefore = rig.writer.sent();
        long start = System.currentTimeMillis();
        rig.writer.sendAtRate(rate, Duration.ofSeconds(window));
        long sendEnd = System.currentTimeMillis();
        long expected = (rig.writer.sent() - sentBefore) * rig.clientsPerCreator;
        Map<String, Double> cores = cpu.cores();
        if (profiler != null) {
            profiler.stopInto(options.out().resolve(name + "-profile-gateway.txt"),
                    "fan-out step at " + rate + " tips/s x " + rig.clientsPerCreator + " sockets per creator");
        }
        long deadline = System.currentTimeMillis() + 10_000;
        long frames = 0;
        while (System.currentTimeMillis() < deadline && (frames = rig.load.stats().framesTotal()) < expected) {
            Sleep.millis(100);
        }
        long end = System.currentTimeMillis();
        Sleep.millis(1200);
        frames = rig.load.stats().framesTotal();
        List<Double> perSecond = new ArrayList<>();
        Histogram latency = new Histogram();
        double maxLoadgen = 0;
        for (Map.Entry<Long, Second> entry : rig.load.seconds(start + 2000, sendEnd - 1000)) {
            perSecond.add((double) entry.getValue().frames);
            latency.addAll(entry.getValue().latency);
            maxLoadgen = Math.max(maxLoadgen, entry.getValue().maxProcessCpuCores);
        }
        boolean keptUp = frames >= expected;
        if (!keptUp) {
            // let the backlog go before the next run so it does not count twice
            Sleep.millis(10_000);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tipsPerSecond", rate);
        result.put("expectedFrames", expected);
        result.put("frames", frames);
        result.put("medianFramesPerSecond", perSecond.isEmpty()
                ? frames / Math.max(0.001, (end - start) / 1000.0) : Stats.median(perSecond));
        result.put("drainSeconds", (end - sendEnd) / 1000.0);
        result.put("keptUp", keptUp);
        result.put("p50Ms", latency.quantile(0.5));
        result.put("p99Ms", latency.quantile(0.99));
        result.put("cpuCores", cores);
        result.put("maxLoadgenProcessCores", maxLoadgen);
        log.info("fan-out step {}", result);
        return result;
    }
}
