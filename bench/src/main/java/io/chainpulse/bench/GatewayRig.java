package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadGenerators.ClientSpec;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.produce.TipTopicWriter;
import io.chainpulse.bench.stack.BenchStack;
import io.chainpulse.bench.stack.Creators;
import io.chainpulse.bench.stack.Creators.BenchCreator;
import io.chainpulse.bench.stack.ServiceProcess;
import io.chainpulse.bench.stack.Sleep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push gateway alone under many sockets: its own JVM on a fixed port, a broker, PostgreSQL for tokens, tips
 * written straight to the per-creator topic (as the processor would), clients in Node load generators.
 */
final class GatewayRig implements FanoutTarget {
    private static final Logger log = LoggerFactory.getLogger(GatewayRig.class);

    final BenchStack stack;
    final List<BenchCreator> creators;
    final TipTopicWriter writer;
    final int port;
    final int clientsPerCreator;
    private final BenchOptions options;
    ServiceProcess gateway;
    LoadGenerators load;
    private double rssPerSocketKb = Double.NaN;

    private GatewayRig(BenchOptions options, BenchStack stack, List<BenchCreator> creators, int clientsPerCreator) {
        this.options = options;
        this.stack = stack;
        this.creators = creators;
        this.clientsPerCreator = clientsPerCreator;
        this.port = BenchStack.freePort();
        this.writer = new TipTopicWriter(stack.bootstrapServers(), stack.topics(), creators);
    }

    static GatewayRig start(BenchOptions options, int creatorCount, int clientsPerCreator, int loadgens) {
        BenchStack stack = BenchStack.start(options.workDir);
        try {
            GatewayRig rig = new GatewayRig(options, stack, Creators.register(stack.database(), creatorCount),
                    clientsPerCreator);
            rig.startGateway();
            Sleep.millis(1000);
            long rssBefore = rig.gateway.rssBytes();
            List<ClientSpec> clients = new ArrayList<>();
            for (int copy = 0; copy < clientsPerCreator; copy++) {
                rig.creators.forEach(creator -> clients.add(new ClientSpec(creator.creatorId().toString(), creator.token())));
            }
            rig.load = LoadGenerators.start("ws://127.0.0.1:" + rig.port, clients, loadgens, 512, options.workDir);
            long open = rig.load.awaitConnected(Duration.ofMinutes(5));
            Sleep.millis(2000);
            rig.rssPerSocketKb = (rig.gateway.rssBytes() - rssBefore) / 1024.0 / Math.max(1, open);
            log.info("gateway rig ready: {} creators, {} sockets open", creatorCount, open);
            return rig;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Starts the gateway with {@code --gateway-jvm}; with {@code --gateway-aot-cache}, the first one records an AOT
     * cache that its JVM writes when it stops, and the later ones start from that cache.
     */
    void startGateway() {
        List<String> jvm = new ArrayList<>(options.gatewayJvmOptions());
        if (options.gatewayAotCache) {
            Path cache = options.workDir.resolve("gateway-" + port + ".aot");
            if (gateway == null) {
                jvm.add("-XX:AOTCacheOutput=" + cache);
            } else if (Files.isRegularFile(cache)) {
                jvm.add("-XX:AOTCache=" + cache);
            } else {
                log.warn("no AOT cache at {} (see the first gateway's log): this gateway starts without one", cache);
            }
        }
        gateway = stack.startGateway(port, jvm, Map.of());
    }

    int sockets() {
        return creators.size() * clientsPerCreator;
    }

    @Override
    public String name() {
        return "chainpulse";
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
        return writer.sendAtRate(ratePerSecond, duration);
    }

    @Override
    public Map<String, List<Long>> cpuGroups() {
        return Map.of("server", List.of(gateway.pid()),
                "broker", stack.brokerProcess().map(handle -> List.of(handle.pid())).orElseThrow(() ->
                        new IllegalStateException("the broker's process was not found")),
                "producer (bench JVM)", List.of(ProcessHandle.current().pid()), "loadgens", load.pids());
    }

    @Override
    public boolean paceIsOurs() {
        return true;
    }

    @Override
    public double rssPerSocketKb() {
        return rssPerSocketKb;
    }

    @Override
    public void close() {
        writer.close();
        if (load != null) {
            load.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        stack.close();
    }
}
