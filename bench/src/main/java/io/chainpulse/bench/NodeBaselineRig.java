package io.chainpulse.bench;

import io.chainpulse.bench.baseline.BatchPublisher;
import io.chainpulse.bench.baseline.NodeBaseline;
import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadGenerators.ClientSpec;
import io.chainpulse.bench.produce.BenchStreamEvents;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.stack.BenchStack;
import io.chainpulse.bench.stack.Creators;
import io.chainpulse.bench.stack.Creators.BenchCreator;
import io.chainpulse.bench.stack.Sleep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A Node re-creation of an original design under the same sockets, channels (creators or rooms) and load generators
 * as the gateway: tips or stream events published to it in HTTP batches by this JVM (it has no broker and checks no
 * tokens).
 */
final class NodeBaselineRig implements FanoutTarget {
    private final NodeBaseline server;
    private final LoadGenerators load;
    private final BatchPublisher publisher;
    private final int clientsPerCreator;
    private final double rssPerSocketKb;

    private NodeBaselineRig(NodeBaseline server, LoadGenerators load, BatchPublisher publisher, int clientsPerCreator,
            double rssPerSocketKb) {
        this.server = server;
        this.load = load;
        this.publisher = publisher;
        this.clientsPerCreator = clientsPerCreator;
        this.rssPerSocketKb = rssPerSocketKb;
    }

    static NodeBaselineRig start(String name, int creatorCount, int clientsPerCreator, int loadgens, Path workDir) {
        List<BenchCreator> creators = new ArrayList<>();
        Creators.randomWallets(creatorCount).forEach(wallet -> creators.add(new BenchCreator(UUID.randomUUID(), wallet, "-")));
        List<ClientSpec> clients = new ArrayList<>();
        for (int copy = 0; copy < clientsPerCreator; copy++) {
            creators.forEach(creator -> clients.add(new ClientSpec(creator.creatorId().toString(), creator.token())));
        }
        return start(name, clients, url -> BatchPublisher.tips(url, creators), clientsPerCreator, loadgens, workDir,
                false);
    }

    /** A Socket.IO baseline: each client joins the room of an address, stream events are published to the rooms. */
    static NodeBaselineRig startSocketIo(String name, int roomCount, int clientsPerRoom, int loadgens, Path workDir) {
        List<String> addresses = BenchStreamEvents.addresses(roomCount);
        List<ClientSpec> clients = new ArrayList<>();
        for (int copy = 0; copy < clientsPerRoom; copy++) {
            addresses.forEach(address -> clients.add(new ClientSpec(address, "-")));
        }
        return start(name, clients, url -> BatchPublisher.streams(url, addresses), clientsPerRoom, loadgens, workDir,
                true);
    }

    private static NodeBaselineRig start(String name, List<ClientSpec> clients, Function<String, BatchPublisher> publisher,
            int clientsPerChannel, int loadgens, Path workDir, boolean socketIo) {
        NodeBaseline server = NodeBaseline.start(name, BenchStack.freePort(), workDir);
        try {
            Sleep.millis(1000);
            long rssBefore = server.rssBytes();
            LoadGenerators load = LoadGenerators.start(server.wsUrl(), clients, loadgens, 512, workDir, socketIo);
            long open = load.awaitConnected(Duration.ofMinutes(5));
            Sleep.millis(2000);
            double rssPerSocket = (server.rssBytes() - rssBefore) / 1024.0 / Math.max(1, open);
            return new NodeBaselineRig(server, load, publisher.apply(server.httpUrl()), clientsPerChannel, rssPerSocket);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return server.name();
    }

    @Override
    public LoadGenerators load() {
        return load;
    }

    @Override
    public int clientsPerCreator() {
        return clientsPerCreator;
    }

    @Override
    public Sent sendAtRate(double ratePerSecond, Duration duration) {
        return publisher.sendAtRate(ratePerSecond, duration);
    }

    @Override
    public Map<String, List<Long>> cpuGroups() {
        return Map.of("server", List.of(server.pid()), "publisher (bench JVM)", List.of(ProcessHandle.current().pid()),
                "loadgens", load.pids());
    }

    @Override
    public boolean paceIsOurs() {
        return false;
    }

    @Override
    public double rssPerSocketKb() {
        return rssPerSocketKb;
    }

    @Override
    public void close() {
        load.close();
        server.close();
    }
}
