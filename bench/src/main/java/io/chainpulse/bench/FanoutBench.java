package io.chainpulse.bench;

import io.chainpulse.bench.report.Report;
import io.chainpulse.bench.report.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    private static final String SETUP = "ChainPulse: the gateway in its own JVM (%s), tips written straight into the "
            + "per-creator topic by this JVM round-robin over the creators (the processor is not in this path: "
            + "`throughput` measures it). A baseline (`--against`) is a Node re-creation of an original design, tips "
            + "published to it by this JVM in HTTP batches every 5 ms; it runs after ChainPulse in the same command under "
            + "the same sockets, creators, frames (the gateway's fields) and rates.";

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
        Map<String, Double> rssPerSocket = new LinkedHashMap<>();
        List<String> servers = new ArrayList<>(List.of("chainpulse"));
        servers.addAll(against);
        Map<String, Map<Integer, FanoutStep>> byServer = new FanoutRun(options, name, verdict, "tips").run(servers,
                server -> server.equals("chainpulse")
                        ? GatewayRig.start(options, creatorCount, perCreator, generators)
                        : NodeBaselineRig.start(server, creatorCount, perCreator, generators, options.workDir),
                steps, window, rssPerSocket);
        new FanoutReport(report, SETUP.formatted(String.join(" ", options.gatewayJvmOptions())), "tips", perCreator,
                generators, window, options).write(byServer, rssPerSocket);
        int exit = verdict.conclude(report);
        report.write(options.out());
        System.out.println("report: " + options.out().resolve(name + ".md"));
        return exit;
    }
}
