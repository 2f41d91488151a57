package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.produce.Sent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A server under the fan-out load: its sockets in load generators, how tips (or stream events) reach it, the processes
 * to meter.
 */
interface FanoutTarget extends AutoCloseable {
    /** {@code chainpulse} or the baseline's name. */
    String name();

    LoadGenerators load();

    /** Sockets per creator (or room): the frames each event makes. */
    int clientsPerCreator();

    /** Events at the rate for the duration, round-robin over the creators (or rooms). */
    Sent sendAtRate(double ratePerSecond, Duration duration);

    /** Process groups to meter; the one named {@code server} is the server under test. */
    Map<String, List<Long>> cpuGroups();

    /**
     * Whether a sender below pace is the bench's own fault: it writes to Kafka, which does not wait for the server. A
     * baseline's publisher waits for the server's answer to each batch, so there a slow sender is the server.
     */
    boolean paceIsOurs();

    /** The server's RSS growth from before its sockets connected to after, per open socket, in KB. */
    double rssPerSocketKb();

    @Override
    void close();
}
