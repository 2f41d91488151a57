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
 * Frames per second the gateway's Socket.IO server delivers to clients in {@code stream-<address>} rooms as the
 * stream-event rate steps up, and with {@code --against stellarstream-node}, the same steps on a re-creation of the
 * original StellarStream backend in the same command, with the ratios.
 */
@Command(name = "sio-fanout", mixinStandardHelpOptions = true,
        description = "Socket.IO fan-out: new-stream events per second to clients in stream-<address> rooms.")
final class SioFanoutBench implements Callable<Integer> {
    private static final String SETUP = "ChainPulse: the gateway's Socket.IO server (`/socket.io/`) in its own JVM (%s), "
            + "new-stream events (Avro StreamEvent, keyed by address) written straight into the stream-events topic by "
            + "this JVM round-robin over the addresses (the processor is not in this path). A baseline (`--against`) is "
            + "a Node re-creation of an original design (stellarstream-node: npm socket.io 4, rooms stream-<address>), "
            + "the same events published to it by this JVM in HTTP batches every 5 ms and emitted as new-stream to the "
            + "room; it runs after ChainPulse in the same command under the same clients, rooms, frames (the gateway's "
            + "fields) and rates. Every client is a Socket.IO client over WebSocket (Engine.IO 4, no polling) that "
            + "joined one room with join-stream-room and counts once joined-room came; the latency comes from the "
            + "produce time in each event's streamId.";

    @Mixin
    BenchOptions options;

    @Option(names = "--rates", split = ",", defaultValue = "200,500,1000,2000,5000",
            description = "Stream events per second, stepped up; each goes to every client of its room "
                    + "(default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per step (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--rooms", defaultValue = "200", description = "Addresses, one room each (default ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--clients-per-room", defaultValue = "10")
    int clientsPerRoom;

    @Option(names = "--loadgens", defaultValue = "4")
    int loadgens;

    @Option(names = "--against", paramLabel = "BASELINE", description = "Run the same steps on a baseline after "
            + "ChainPulse, in this command: stellarstream-node (bench/baselines/stellarstream-node.mjs).")
    List<String> against = new ArrayList<>();

    @Option(names = "--name", defaultValue = "sio-fanout",
            description = "Report file name (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        List<Integer> steps = options.smoke ? List.of(50, 100) : rates;
        int window = options.smoke ? 2 : seconds;
        int roomCount = options.smoke ? 20 : rooms;
        int perRoom = options.smoke ? 2 : clientsPerRoom;
        int generators = options.smoke ? 1 : loadgens;
        String command = "scripts/bench/run.sh sio-fanout" + (options.smoke ? " --smoke" : "")
                + " --runs " + options.runs()
                + " --rates " + steps.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("")
                + " --seconds " + window + " --rooms " + roomCount + " --clients-per-room " + perRoom
                + " --loadgens " + generators + (name.equals("sio-fanout") ? "" : " --name " + name)
                + against.stream().map(baseline -> " --against " + baseline).reduce("", String::concat)
                + options.gatewayArguments();
        Report report = new Report(name, "Socket.IO fan-out: frames per second to " + roomCount * perRoom
                + " Socket.IO clients in " + roomCount + " rooms", command);
        Verdict verdict = new Verdict();
        Map<String, Double> rssPerSocket = new LinkedHashMap<>();
        List<String> servers = new ArrayList<>(List.of("chainpulse"));
        servers.addAll(against);
        Map<String, Map<Integer, FanoutStep>> byServer = new FanoutRun(options, name, verdict, "stream events").run(
                servers, server -> server.equals("chainpulse")
                        ? SioGatewayRig.start(options, roomCount, perRoom, generators)
                        : NodeBaselineRig.startSocketIo(server, roomCount, perRoom, generators, options.workDir),
                steps, window, rssPerSocket);
        new FanoutReport(report, SETUP.formatted(String.join(" ", options.gatewayJvmOptions())), "stream events",
                perRoom, generators, window, options).write(byServer, rssPerSocket);
        int exit = verdict.conclude(report);
        report.write(options.out());
        System.out.println("report: " + options.out().resolve(name + ".md"));
        return exit;
    }
}
