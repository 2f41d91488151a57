package io.chainpulse.bench;

import io.chainpulse.bench.floor.KafkaFloor;
import io.chainpulse.bench.floor.KafkaFloor.FloorWindow;
import io.chainpulse.bench.report.LineChart;
import io.chainpulse.bench.report.Report;
import io.chainpulse.bench.report.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** End-to-end latency from a raw record produced to the WebSocket frame received, at fixed rates. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "End-to-end latency (raw record produced -> WebSocket frame received): p50, p99, p99.9 at fixed rates.")
final class LatencyBench implements Callable<Integer> {
    private static final int WARM_UP_SECONDS = 60;

    @Mixin
    BenchOptions options;

    @Option(names = "--rates", split = ",", defaultValue = "1000,5000", description = "Events per second (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--name", defaultValue = "latency", description = "Report file name (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--creators", defaultValue = "100")
    int creators;

    @Option(names = "--clients-per-creator", defaultValue = "10")
    int clientsPerCreator;

    @Override
    public Integer call() {
        List<Integer> wanted = options.smoke ? List.of(100) : rates;
        int measured = options.smoke ? 3 : seconds;
        String command = "scripts/bench/run.sh latency" + (options.smoke ? " --smoke" : "") + " --runs " + options.runs()
                + " --rates " + wanted.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                + " --seconds " + measured + (name.equals("latency") ? "" : " --name " + name) + options.gatewayJvmArgument();
        Report report = new Report(name, "End-to-end latency: raw record produced → WebSocket frame received", command);
        List<Map<String, Object>> all = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        Map<String, LineChart> charts = new LinkedHashMap<>();
        Verdict verdict = new Verdict();
        List<Map<String, Object>> floorRuns = new ArrayList<>();
        List<List<String>> floorRows = new ArrayList<>();
        List<List<String>> ratioRows = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.start(options, options.smoke ? 10 : creators, options.smoke ? 2 : clientsPerCreator, 2)) {
            for (int rate : wanted) {
                // long enough for every JVM, the broker's included, to compile its hot paths at this rate
                pipeline.warmUp(rate, Duration.ofSeconds(options.smoke ? 1 : WARM_UP_SECONDS));
                List<Pipeline.Window> windows = new ArrayList<>();
                for (int run = 0; run < options.runs(); run++) {
                    if (options.profile && run == options.runs() - 1) {
                        pipeline.profileNext(options.out(), name + "-" + rate, "latency window at " + rate + " events/s");
                    }
                    Pipeline.Window window = pipeline.window(rate, Duration.ofSeconds(measured), Duration.ofSeconds(90));
                    windows.add(window);
                    window.check(verdict, rate + " events/s, run " + (run + 1));
                    Map<String, Object> summary = Pipeline.summary(window);
                    summary.put("run", run + 1);
                    all.add(summary);
                    if (!window.drained()) {
                        break; // a backlog would only be measured again by the next run
                    }
                }
                rows.add(row(rate, windows));
                Pipeline.Window last = windows.get(windows.size() - 1);
                // the floor on the same broker, right after, while the services idle
                try (KafkaFloor floor = KafkaFloor.start(pipeline.bootstrapServers())) {
                    List<FloorWindow> floorWindows = FloorBench.measure(floor, rate, measured, options, verdict);
                    floorWindows.forEach(window -> floorRuns.add(FloorBench.summary(window)));
                    floorRows.add(FloorBench.row(rate, floorWindows));
                    ratioRows.add(ratioRow(rate, windows, floorWindows));
                }
                charts.put(rate + "-per-second", new LineChart("Latency at " + rate + " events/s (last run), per second",
                        "seconds", "ms").series("p50", last.p50()).series("p99", last.p99()).series("p99.9", last.p999()));
            }
        }
        report.put("runs", all);
        report.text("Raw TipSent records are produced into the raw topic by this JVM (the CLI's `TestEventFactory`, "
                + "acks=all, linger 1 ms) round-robin over " + (options.smoke ? 10 : creators) + " registered creators; "
                + "each carries its produce time (epoch µs) as the tip's session id. The processor (Kafka Streams, "
                + "exactly_once_v2; while it keeps up it commits as soon as a batch is published) and the gateway run in their own JVMs; "
                + (options.smoke ? 2 : clientsPerCreator) + " overlay sockets per creator in 2 Node load generators "
                + "subtract the session id from their own clock (same host, same clock) on every frame. "
                + "Latency = produce call → frame parsed by the client. Each rate is first sent for "
                + (options.smoke ? 1 : WARM_UP_SECONDS) + " s unmeasured (warm-up). Medians of the runs, (min–max).");
        report.table(List.of("events/s asked", "sent /s (measured)", "runs", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "frames / expected",
                "drained after send (s)", "CPU cores: processor / gateway / broker / postgres / producer / loadgens"), rows);
        report.put("floorRuns", floorRuns);
        report.text("**Our floor**, in the same command on the same broker after each rate's windows: " + FloorBench.description(options));
        report.table(FloorBench.HEADER, floorRows);
        report.text("**ChainPulse ÷ floor** (medians of the runs)");
        report.table(List.of("events/s", "p50", "p99"), ratioRows);
        charts.forEach(report::chart);
        int exit = verdict.conclude(report);
        report.write(options.out());
        System.out.println("report: " + options.out().resolve(name + ".md"));
        return exit;
    }

    private static List<String> ratioRow(int rate, List<Pipeline.Window> windows, List<FloorWindow> floor) {
        double p50 = Stats.median(windows.stream().map(w -> w.latency().quantile(0.5)).toList());
        double p99 = Stats.median(windows.stream().map(w -> w.latency().quantile(0.99)).toList());
        double floorP50 = Stats.median(floor.stream().map(w -> w.latency().quantile(0.5)).toList());
        double floorP99 = Stats.median(floor.stream().map(w -> w.latency().quantile(0.99)).toList());
        return List.of(String.valueOf(rate), FanoutReport.ratio(p50, floorP50), FanoutReport.ratio(p99, floorP99));
    }

    private static List<String> row(int rate, List<Pipeline.Window> windows) {
        List<Double> p50 = windows.stream().map(w -> w.latency().quantile(0.5)).toList();
        List<Double> p99 = windows.stream().map(w -> w.latency().quantile(0.99)).toList();
        List<Double> p999 = windows.stream().map(w -> w.latency().quantile(0.999)).toList();
        List<Double> max = windows.stream().map(w -> w.latency().max()).toList();
        Pipeline.Window last = windows.get(windows.size() - 1);
        Map<String, Double> cpu = last.cpuCores();
        String cores = String.join(" / ", List.of(cpu.get("processor"), cpu.get("gateway"), cpu.get("broker"),
                cpu.get("postgres"), cpu.get("producer (bench JVM)"), cpu.get("loadgens")).stream().map(Report::fmt).toList());
        List<Double> sentRates = windows.stream().map(Pipeline.Window::sentPerSecond).toList();
        return List.of(String.valueOf(rate), Report.fmt(Stats.median(sentRates)) + " (" + Stats.spread(sentRates) + ")",
                String.valueOf(windows.size()),
                Report.fmt(Stats.median(p50)) + " (" + Stats.spread(p50) + ")",
                Report.fmt(Stats.median(p99)) + " (" + Stats.spread(p99) + ")",
                Report.fmt(Stats.median(p999)) + " (" + Stats.spread(p999) + ")",
                Report.fmt(Stats.median(max)),
                last.frames() + " / " + last.expectedFrames(), Report.fmt(last.drainSeconds()) + (last.drained() ? "" : " (not drained)"),
                cores);
    }
}
