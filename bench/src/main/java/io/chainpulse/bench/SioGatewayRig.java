package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadGenerators.ClientSpec;
import io.chainpulse.bench.produce.BenchStreamEvents;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.produce.StreamTopicWriter;
import io.chainpulse.bench.stack.BenchStack;
import io.chainpulse.bench.stack.ServiceProcess;
import io.chainpulse.bench.stack.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push gateway's Socket.IO server alone under many clients, each in one address's {@code stream-<address>}
 * room: its own JVM, a broker, stream events written straight to the stream-events topic (as the processor would),
 * clients in Node load generators speaking Socket.IO over WebSocket.
 */
final class SioGatewayRig implements FanoutTarget {
    private static final Logger log = LoggerFactory.getLogger(SioGatewayRig.class);

    private final BenchStack stack;
    private final StreamTopicWriter writer;
    private final int clientsPerRoom;
    ServiceProcess gateway;
    private LoadGenerators load;
    private double rssPerSocketKb = Double.NaN;

    private SioGatewayRig(BenchStack stack, StreamTopicWriter writer, int clientsPerRoom) {
        this.stack = stack;
        this.writer = writer;
        this.clientsPerRoom = clientsPerRoom;
    }

    static SioGatewayRig start(BenchOptions options, int roomCount, int clientsPerRoom, int loadgens) {
        BenchStack stack = BenchStack.start(options.workDir);
        List<String> addresses = BenchStreamEvents.addresses(roomCount);
        SioGatewayRig rig = new SioGatewayRig(stack,
                new StreamTopicWriter(stack.bootstrapServers(), stack.topics(), addresses), clientsPerRoom);
        try {
            int port = BenchStack.freePort();
            rig.gateway = stack.startGateway(port, options.gatewayJvmOptions(), Map.of());
            Sleep.millis(1000);
            long rssBefore = rig.gateway.rssBytes();
            List<ClientSpec> clients = new ArrayList<>();
            for (int copy = 0; copy < clientsPerRoom; copy++) {
                addresses.forEach(address -> clients.add(new ClientSpec(address, "-")));
            }
            rig.load = LoadGenerators.start("ws://127.0.0.1:" + port, clients, loadgens, 512, options.workDir, true);
            long open = rig.load.awaitConnected(Duration.ofMinutes(5));
            Sleep.millis(2000);
            rig.rssPerSocketKb = (rig.gateway.rssBytes() - rssBefore) / 1024.0 / Math.max(1, open);
            log.info("Socket.IO gateway rig ready: {} rooms, {} clients in rooms", roomCount, open);
            return rig;
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
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
        return clientsPerRoom;
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
