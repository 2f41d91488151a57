package io.chainpulse.bench;

import io.chainpulse.bench.report.LineChart;
import io.chainpulse.bench.report.Report;
import io.chainpulse.bench.report.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Highest sustained end-to-end throughput with zero loss: a burst probes the capacity (raw topic → PostgreSQL row →
 * frame at a client), then fixed-rate windows from 90 % of it downwards until one holds for the whole window, is
 * persisted and pushed completely, and leaves no backlog.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Highest sustained end-to-end throughput (persisted and pushed) over 60 s with zero loss.")
final class ThroughputBench implements Callable<Integer> {
    private static final int WARM_UP_BURST = 40_000;

    @Mixin
    BenchOptions options;

    @Option(names = "--seconds", defaultValue = "60", description = "Length of a sustained window (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--probe", defaultValue = "20000", description = "Burst size of the capacity probe (default ${DEFAULT-VALUE}).")
    int probe;

    @Option(names = "--creators", defaultValue = "100")
    int creators;

    @Option(names = "--name", defaultValue = "throughput", description = "Report file name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--attempts", defaultValue = "4", description = "Fixed-rate windows tried, each at 80 % of the last (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--max-backlog-seconds", defaultValue = "5",
            description = "A window holds when every frame arrived within this long after the last send (default ${DEFAULT-VALUE}).")
    int maxBacklogSeconds;

    @Override
    public Integer call() {
        int window = options.smoke ? 3 : seconds;
        int burst = options.smoke ? 300 : probe;
        String command = "scripts/bench/run.sh throughput" + (options.smoke ? " --smoke" : "") + " --runs " + options.runs()
                + " --probe " + burst + " --seconds " + window + " --attempts " + maxAttempts + (name.equals("throughput") ? "" : " --name " + name)
                + options.gatewayJvmArgument();
        Report report = new Report(name, "Highest sustained end-to-end throughput, zero loss", command);
        List<Map<String, Object>> probes = new ArrayList<>();
        List<Map<String, Object>> windows = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        Pipeline.Window held = null;
        Verdict verdict = new Verdict();
        double capacity;
        try (Pipeline pipeline = Pipeline.start(options, options.smoke ? 10 : creators, 1, 1)) {
            pipeline.warmUp(200, Duration.ofSeconds(options.smoke ? 1 : 5));
            // an unmeasured burst first: every JVM (broker included) compiles its hot paths before the probe
            pipeline.burst(options.smoke ? 100 : WARM_UP_BURST, Duration.ofMinutes(5));
            List<Double> capacities = new ArrayList<>();
            for (int run = 0; run < options.runs(); run++) {
                if (options.profile && run == 0) {
                    pipeline.profileNext(options.out(), name, "throughput probe: " + burst + " tips as fast as possible");
                }
                Pipeline.Window probeWindow = pipeline.burst(burst, Duration.ofMinutes(5));
                probeWindow.check(verdict, "probe " + (run + 1));
                capacities.add(probeWindow.endToEndPerSecond());
                probes.add(Pipeline.summary(probeWindow));
            }
            capacity = Stats.median(capacities);
            double rate = Math.max(10, Math.floor(capacity * 0.9 / 10) * 10);
            for (int attempt = 0; attempt < maxAttempts && held == null; attempt++) {
                Pipeline.Window attemptWindow = pipeline.window(rate, Duration.ofSeconds(window),
                        Duration.ofSeconds(options.smoke ? 60 : 120));
                Map<String, Object> summary = Pipeline.summary(attemptWindow);
                boolean holds = attemptWindow.lossless() && attemptWindow.keptPace()
                        && attemptWindow.drainSeconds() <= maxBacklogSeconds;
                // a window that fell behind is the search going on; one that repeated an event is a failure
                if (attemptWindow.duplicates() > 0 || attemptWindow.rows() > attemptWindow.sent()
                        || attemptWindow.frames() > attemptWindow.expectedFrames()) {
                    attemptWindow.check(verdict, "window at " + Report.fmt(rate) + "/s");
                }
                summary.put("holds", holds);
                windows.add(summary);
                rows.add(List.of(Report.fmt(rate), Report.fmt(attemptWindow.sentPerSecond()), String.valueOf(attemptWindow.sent()), String.valueOf(attemptWindow.rows()),
                        attemptWindow.frames() + " / " + attemptWindow.expectedFrames(), String.valueOf(attemptWindow.duplicates()),
                        Report.fmt(attemptWindow.drainSeconds()), Report.fmt(attemptWindow.latency().quantile(0.99)),
                        holds ? "yes" : "no", cores(attemptWindow.cpuCores())));
                if (holds) {
                    held = attemptWindow;
                    attemptWindow.check(verdict, "sustained window at " + Report.fmt(rate) + "/s");
                    report.chart("sustained", new LineChart("Frames per second at " + Report.fmt(rate) + " events/s",
                            "seconds", "frames/s").series("frames received", attemptWindow.framesPerSecond()));
                    report.chart("sustained-latency", new LineChart("Latency at " + Report.fmt(rate) + " events/s",
                            "seconds", "ms").series("p50", attemptWindow.p50()).series("p99", attemptWindow.p99())
                            .series("p99.9", attemptWindow.p999()));
                } else {
                    rate = Math.max(10, Math.floor(rate * 0.8 / 10) * 10);
                    pipeline.warmUp(10, Duration.ofSeconds(1));
                }
            }
        }
        report.put("probeCapacityPerSecond", capacity).put("probes", probes).put("windows", windows)
                .put("sustainedPerSecond", held == null ? Double.NaN : held.sentPerSecond());
        if (held == null) {
            verdict.fail("no fixed-rate window held (see the table)");
        }
        report.text("Raw tips are produced into the raw topic round-robin over " + (options.smoke ? 10 : creators)
                + " creators, one overlay socket each. After an unmeasured warm-up burst of " + Report.fmt(options.smoke ? 100 : WARM_UP_BURST) + " tips, a capacity probe: " + burst + " tips as fast as the producer "
                + "takes them, timed until the last frame arrived; median of " + options.runs() + ": **"
                + Report.fmt(capacity) + " tips/s** (" + Stats.spread(probes.stream()
                        .map(p -> (Double) p.get("endToEndPerSecond")).toList()) + "). Then " + window + " s windows at a fixed "
                + "rate from 90 % of that downwards (×0.8 per failed attempt); a window holds when every tip has a row "
                + "in PostgreSQL and a frame at its client, none twice, the measured send rate is at least 95 % of the rate asked, and the last frame came within "
                + maxBacklogSeconds + " s of the last send.");
        report.table(List.of("rate asked /s", "rate sent /s (measured)", "sent", "rows", "frames / expected", "duplicates", "drain s", "p99 ms", "holds",
                "CPU cores: processor / gateway / broker / postgres / producer / loadgens"), rows);
        report.text(held == null ? "No window held." : "**Sustained: " + Report.fmt(held.sentPerSecond())
                + " tips/s measured (" + Report.fmt(held.askedPerSecond()) + " asked; frames arrived at "
                + Report.fmt(held.arrivalPerSecond()) + "/s) for " + window + " s with zero loss.**");
        int exit = verdict.conclude(report);
        report.write(options.out());
        System.out.println("report: " + options.out().resolve(name + ".md"));
        return exit;
    }

    static String cores(Map<String, Double> cpu) {
        return String.join(" / ", List.of(cpu.get("processor"), cpu.get("gateway"), cpu.get("broker"), cpu.get("postgres"),
                cpu.get("producer (bench JVM)"), cpu.get("loadgens")).stream().map(Report::fmt).toList());
    }
}
