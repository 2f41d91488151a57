package io.chainpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every benchmark one after the other; exits 1 when any failed, naming them. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Every benchmark in turn (with --smoke: the CI run, a few seconds each); fails when any fails.")
final class AllBench implements Callable<Integer> {
    static final List<String> BENCHMARKS = List.of("connections", "fanout", "reconnect", "latency", "throughput", "backfill");

    @Option(names = "--smoke", description = "Tiny, quick runs that prove each command and its checks (CI).")
    boolean smoke;

    @CommandLine.Parameters(paramLabel = "OPTIONS", arity = "0..*", description = "More options given to every benchmark (e.g. --work-dir DIR).")
    List<String> more = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> failed = new ArrayList<>();
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
        if (!failed.isEmpty()) {
            System.err.println("bench all FAILED: " + String.join(", ", failed));
            return 1;
        }
        return 0;
    }
}
