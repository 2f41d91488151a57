package io.chainpulse.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The benchmark commands: each starts the real stack, drives it from separate processes and writes a report. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks of the real stack on this machine; each prints its figures and writes JSON, Markdown "
                + "and PNG charts to docs/benchmarks/ (or --out). --smoke runs a tiny, quick version (CI) whose figures mean nothing."},
        subcommands = {AllBench.class, FloorBench.class, ConnectionsBench.class, LatencyBench.class, ThroughputBench.class, FanoutBench.class, SioFanoutBench.class,
                ReconnectBench.class, BackfillBench.class})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // Ctrl-C or SIGTERM: the broker, services and load generators this run started go with it
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bench-shutdown").unstarted(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        int exit = new CommandLine(new BenchMain()).execute(args);
        System.exit(exit);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
