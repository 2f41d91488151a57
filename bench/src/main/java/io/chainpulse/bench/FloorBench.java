package io.chainpulse.bench;

import io.chainpulse.bench.floor.KafkaFloor;
import io.chainpulse.bench.floor.KafkaFloor.FloorWindow;
import io.chainpulse.bench.report.Report;
import io.chainpulse.bench.report.Verdict;
import io.chainpulse.bench.stack.BenchStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The bare Kafka exactly-once round trip ({@link KafkaFloor}) on its own broker, at fixed rates. */
@Command(name = "floor", mixinStandardHelpOptions = true,
        description = "Our own floor: the bare Kafka exactly-once round trip (transactional produce + sendOffsetsToTransaction + commit, read_committed) at fixed rates.")
final class FloorBench implements Callable<Integer> {
    static final int WARM_UP_SECONDS = 10;

    @Mixin
    BenchOptions options;

    @Option(names = "--rates", split = ",", defaultValue = "1000", description = "Records per second (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() {
        List<Integer> wanted = options.smoke ? List.of(100) : rates;
        int measured = options.smoke ? 3 : seconds;
        String command = "scripts/bench/run.sh floor" + (options.smoke ? " --smoke" : "") + " --runs " + options.runs()
                + " --rates " + wanted.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                + " --seconds " + measured;
        Report report = new Report("floor", "Our floor: the bare Kafka exactly-once round trip", command);
        Verdict verdict = new Verdict();
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(options.workDir);
                KafkaFloor floor = KafkaFloor.start(stack.bootstrapServers())) {
            for (int rate : wanted) {
                List<FloorWindow> windows = measure(floor, rate, measured, options, verdict);
                windows.forEach(window -> all.add(summary(window)));
                rows.add(row(rate, windows));
            }
        }
        report.put("runs", all);
        report.text(description(options));
        report.table(HEADER, rows);
        int exit = verdict.conclude(report);
        report.write(options.out());
        System.out.println("report: " + options.out().resolve("floor.md"));
        return exit;
    }

    static final List<String> HEADER = List.of("records/s asked", "sent /s (measured)", "runs", "p50 ms", "p99 ms",
            "p99.9 ms", "received / sent");

    static String description(BenchOptions options) {
        return "A producer as the bench's raw producer (acks=all, idempotent, linger 1 ms) writes records stamped "
                + "with their produce time (epoch µs) into a 6-partition topic; relay threads as the processor's stream "
                + "threads (PROCESSOR_THREADS, default 2; read_committed, 2,000 records a poll every 5 ms, producer "
                + "linger 5 ms) copy each non-empty poll to an output topic in one transaction with "
                + "`sendOffsetsToTransaction` and commit; a read_committed reader as the gateway's (all partitions, no "
                + "group) records each record's latency in an HdrHistogram. Same broker, nothing else: no PostgreSQL, "
                + "no Avro, no WebSocket. Warm-up " + (options.smoke ? 1 : WARM_UP_SECONDS) + " s unmeasured.";
    }

    static List<FloorWindow> measure(KafkaFloor floor, int rate, int seconds, BenchOptions options, Verdict verdict) {
        floor.window(rate, Duration.ofSeconds(options.smoke ? 1 : WARM_UP_SECONDS), Duration.ofSeconds(60));
        List<FloorWindow> windows = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            FloorWindow window = floor.window(rate, Duration.ofSeconds(seconds), Duration.ofSeconds(60));
            window.check(verdict, "floor at " + rate + "/s, run " + (run + 1));
            windows.add(window);
        }
        return windows;
    }

    static Map<String, Object> summary(FloorWindow window) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("askedPerSecond", window.askedPerSecond());
        summary.put("sentPerSecond", window.sentPerSecond());
        summary.put("sent", window.sent());
        summary.put("received", window.received());
        summary.put("p50Ms", window.latency().quantile(0.5));
        summary.put("p99Ms", window.latency().quantile(0.99));
        summary.put("p999Ms", window.latency().quantile(0.999));
        summary.put("maxMs", window.latency().max());
        return summary;
    }

    static List<String> row(int rate, List<FloorWindow> windows) {
        List<Double> sent = windows.stream().map(FloorWindow::sentPerSecond).toList();
        List<Double> p50 = windows.stream().map(w -> w.latency().quantile(0.5)).toList();
        List<Double> p99 = windows.stream().map(w -> w.latency().quantile(0.99)).toList();
        List<Double> p999 = windows.stream().map(w -> w.latency().quantile(0.999)).toList();
        FloorWindow last = windows.get(windows.size() - 1);
        return List.of(String.valueOf(rate), Report.fmt(Stats.median(sent)), String.valueOf(windows.size()),
                Report.fmt(Stats.median(p50)) + " (" + Stats.spread(p50) + ")",
                Report.fmt(Stats.median(p99)) + " (" + Stats.spread(p99) + ")",
                Report.fmt(Stats.median(p999)) + " (" + Stats.spread(p999) + ")", last.received() + " / " + last.sent());
    }
}
