package io.chainpulse.bench;

import io.chainpulse.bench.baseline.NodeBaseline;
import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadGenerators.ClientSpec;
import io.chainpulse.bench.stack.BenchStack;
import io.chainpulse.bench.stack.Creators.BenchCreator;
import io.chainpulse.bench.stack.Sleep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Idle sockets on a fresh Node baseline, as {@code connections} opens them on a gateway: RSS growth per socket. */
final class BaselineConnections {
    /** What one level measured on the baseline. */
    record Measured(String baseline, int target, long open, double rssPerSocketKb) {}

    private BaselineConnections() {}

    static Measured measure(String baseline, List<BenchCreator> creators, int target, int perLoadgen, Duration settle,
            Path workDir) {
        try (NodeBaseline server = NodeBaseline.start(baseline, BenchStack.freePort(), workDir)) {
            Sleep.millis(1000);
            long rssBefore = server.rssBytes();
            List<ClientSpec> clients = new ArrayList<>(target);
            for (int i = 0; i < target; i++) {
                BenchCreator creator = creators.get(i % creators.size());
                clients.add(new ClientSpec(creator.creatorId().toString(), creator.token()));
            }
            int processes = Math.max(1, (target + perLoadgen - 1) / perLoadgen);
            try (LoadGenerators load = LoadGenerators.start(server.wsUrl(), clients, processes, 512, workDir)) {
                load.awaitConnected(Duration.ofMinutes(10));
                Sleep.millis(settle.toMillis());
                long open = load.stats().open();
                double rssPerSocket = open == 0 ? Double.NaN : (server.rssBytes() - rssBefore) / 1024.0 / open;
                return new Measured(baseline, target, open, rssPerSocket);
            }
        }
    }
}
