package io.chainpulse.localstack;

import java.util.List;

/**
 * How a Kafka node's JVM is started. Tests start and stop many short-lived nodes, so they trade steady-state speed
 * for start-up time (client compiler only); benchmarks and the dev stack run the node as a real deployment would.
 */
public enum NodeJvm {
    /** C1 only and a small heap: starts fastest, runs the request path about half as fast. */
    QUICK_START(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")),
    /**
     * Full tiered compilation and the collector settings Kafka's own start scripts use (G1, 20 ms pause goal), as a
     * production broker runs; what benchmarks measure. (The serial collector paused this broker ~90 ms per young
     * collection under load, a tail every latency figure inherited.)
     */
    FULL_SPEED(List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent"));

    private final List<String> options;

    NodeJvm(List<String> options) {
        this.options = options;
    }

    List<String> options() {
        return options;
    }
}
