package io.chainpulse.bench;

import io.chainpulse.bench.stack.BenchStack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every benchmark one after the other on one broker (each with its own topics and schema); exits 1 when any failed. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Every benchmark in turn (with --smoke: the CI run, a few seconds each); fails when any fails.")
final class AllBench implements Callable<Integer> {
    static final List<String> BENCHMARKS = List.of("connections", "fanout", "sio-fanout", "reconnect", "latency", "throughput",
            "backfill");

    @Option(names = "--smoke", description = "Tiny, quick runs that prove each command and its checks (CI).")
    boolean smoke;

    // any other option (e.g. --work-dir DIR) goes to every benchmark
    @CommandLine.Unmatched
    List<String> more = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> failed = new ArrayList<>();
        BenchOptions options = new BenchOptions();
        new CommandLine(options).setUnmatchedArgumentsAllowed(true).parseArgs(more.toArray(String[]::new));
        try (AutoCloseable broker = BenchStack.shareOneBroker(options.workDir)) {
            runAll(failed);
        }
        if (!failed.isEmpty()) {
            System.err.println("bench all FAILED: " + String.join(", ", failed));
            return 1;
        }
        return 0;
    }

    private void runAll(List<String> failed) {
        for (String benchmark : BENCHMARKS) {
            List<String> arguments = new ArrayList<>(List.of(benchmark));
            if (smoke) {
                arguments.add("--smoke");
            }
            arguments.addAll(more);
            System.err.println("bench all: " + String.join(" ", arguments));
            long start = System.nanoTime();
            int exit = new CommandLine(new BenchMain()).execute(arguments.toArray(String[]::new));
            System.err.printf("bench all: %s exit %d after %.1f s%n", benchmark, exit, (System.nanoTime() - start) / 1e9);
            if (exit != 0) {
                failed.add(benchmark);
            }
        }
    }
}
