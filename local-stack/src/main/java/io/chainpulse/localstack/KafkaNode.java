package io.chainpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One KRaft node (broker + controller) in a child JVM; its data survives stop and kill. */
public final class KafkaNode {
    // Kafka's defaults (3 network, 8 request threads) assume a server of its own; on a small machine shared with
    // the rest of the stack, threads per core keep requests from queueing behind context switches
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final int NETWORK_THREADS = Math.max(1, Math.min(3, CORES / 2));
    private static final int IO_THREADS = Math.max(2, Math.min(8, CORES));

    private final int nodeId;
    private final Path dir;
    private final int brokerPort;
    private final int controllerPort;
    private final String voters;
    private final int clusterSize;
    private final String clusterId;
    private final NodeJvm jvm;
    private volatile TiedProcess process;
    private volatile boolean expectedUp;

    KafkaNode(int nodeId, Path dir, int brokerPort, int controllerPort, String voters, int clusterSize, String clusterId,
            NodeJvm jvm) {
        this.jvm = jvm;
        this.nodeId = nodeId;
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.voters = voters;
        this.clusterSize = clusterSize;
        this.clusterId = clusterId;
    }

    public int nodeId() {
        return nodeId;
    }

    public int brokerPort() {
        return brokerPort;
    }

    Path logFile() {
        return dir.resolve("server.log");
    }

    boolean isExpectedUp() {
        return expectedUp;
    }

    public boolean isAlive() {
        TiedProcess current = process;
        return current != null && current.isAlive();
    }

    /** The node's processes (its JVM and the wrapper that ties it to this JVM); empty when never started. */
    public List<ProcessHandle> processes() {
        TiedProcess current = process;
        return current == null ? List.of() : current.handles();
    }

    void formatIfNew() {
        try {
            Files.createDirectories(dir);
            Path config = writeConfig();
            if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                return;
            }
            Process format = javaProcess("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(),
                    "--ignore-formatted")
                    .redirectOutput(dir.resolve("format.log").toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + dir.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format Kafka node " + nodeId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Path writeConfig() throws IOException {
        int replication = Math.min(3, clusterSize);
        String properties = """
                process.roles=broker,controller
                node.id=%d
                controller.quorum.voters=%s
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                offsets.topic.replication.factor=%d
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=%d
                transaction.state.log.min.isr=%d
                transaction.state.log.num.partitions=10
                min.insync.replicas=%d
                default.replication.factor=%d
                num.partitions=6
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                log.segment.bytes=67108864
                num.network.threads=%d
                num.io.threads=%d
                """.formatted(nodeId, voters, brokerPort, controllerPort, brokerPort,
                dir.resolve("data").toAbsolutePath(), replication, replication, Math.min(2, replication),
                Math.min(2, replication), replication, NETWORK_THREADS, IO_THREADS);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, properties);
        return config;
    }

    /** Starts the node's JVM; it rejoins the cluster with its existing data. */
    public synchronized void launch() {
        if (isAlive()) {
            return;
        }
        try {
            // tied: a dev stack or test JVM that dies (even by SIGKILL) takes its brokers with it
            process = TiedProcess.start(javaProcess("kafka.Kafka", dir.resolve("server.properties").toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .redirectErrorStream(true));
            expectedUp = true;
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot start Kafka node " + nodeId, e.getCause());
        }
    }

    /** SIGKILL: the node dies without flushing or leaving the cluster. */
    public synchronized void kill() {
        expectedUp = false;
        TiedProcess current = process;
        if (current != null) {
            current.kill();
        }
    }

    /** SIGTERM and wait for a controlled shutdown. */
    public synchronized void stop() {
        expectedUp = false;
        TiedProcess current = process;
        if (current != null && current.isAlive() && !current.terminate(30)) {
            current.kill();
        }
    }

    private ProcessBuilder javaProcess(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable());
        command.addAll(jvm.options());
        command.add("-Dlogback.configurationFile=" + ChildJvm.quietLogbackConfig());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
