package io.chainpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka cluster on loopback: each node is a child JVM running the official {@code kafka.Kafka}
 * main in combined broker+controller mode. Nodes can be killed (SIGKILL) and restarted on the same data.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    private final List<KafkaNode> nodes;

    private KafkaCluster(List<KafkaNode> nodes) {
        this.nodes = nodes;
    }

    /** Starts a single-node cluster under a fresh temporary directory. */
    public static KafkaCluster startSingle() {
        return start(1, tempDir());
    }

    /** Starts {@code size} combined nodes with their data under {@code dataDir}, formatting storage when new. */
    public static KafkaCluster start(int size, Path dataDir) {
        return start(size, dataDir, NodeJvm.QUICK_START);
    }

    /** Starts {@code size} combined nodes on free ports, their JVMs started as {@code jvm} says. */
    public static KafkaCluster start(int size, Path dataDir, NodeJvm jvm) {
        List<Integer> brokerPorts = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            brokerPorts.add(FreePorts.next());
            controllerPorts.add(FreePorts.next());
        }
        return start(size, dataDir, brokerPorts, controllerPorts, jvm);
    }

    /** Starts {@code size} combined nodes on the given ports, their JVMs started as {@code jvm} says. */
    public static KafkaCluster start(int size, Path dataDir, List<Integer> brokerPorts, List<Integer> controllerPorts,
            NodeJvm jvm) {
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = readOrCreateClusterId(dataDir);
        List<KafkaNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new KafkaNode(i + 1, dataDir.resolve("node-" + (i + 1)), brokerPorts.get(i),
                    controllerPorts.get(i), voters, size, clusterId, jvm));
        }
        nodes.parallelStream().forEach(KafkaNode::formatIfNew);
        nodes.forEach(KafkaNode::launch);
        KafkaCluster cluster = new KafkaCluster(nodes);
        cluster.awaitReady(Duration.ofSeconds(90));
        log.info("Kafka cluster of {} node(s) ready at {}", size, cluster.bootstrapServers());
        return cluster;
    }

    private static String readOrCreateClusterId(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path idFile = dataDir.resolve("cluster.id");
            if (Files.exists(idFile)) {
                return Files.readString(idFile).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(idFile, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("chainpulse-kafka-" + UUID.randomUUID().toString().substring(0, 8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort()).collect(Collectors.joining(","));
    }

    public List<KafkaNode> nodes() {
        return List.copyOf(nodes);
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Waits until every node answers and the cluster lists all of them as live brokers. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            for (KafkaNode node : nodes) {
                if (!node.isAlive() && node.isExpectedUp()) {
                    throw new IllegalStateException("Kafka node " + node.nodeId() + " exited at start; see " + node.logFile());
                }
            }
            try (Admin admin = admin()) {
                int live = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                long expected = nodes.stream().filter(KafkaNode::isExpectedUp).count();
                if (live >= expected) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(250);
        }
        throw new IllegalStateException("Kafka cluster not ready within " + timeout + ": " + last
                + "; logs under " + nodes.get(0).logFile().getParent().getParent());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(KafkaNode::stop);
    }
}
