package io.chainpulse.gateway.replay;

/** What replays report, for metrics. Called from replay threads; implementations must not block. */
public interface ReplayEvents {
    /**
     * A replay ended: its source ({@code memory} or {@code kafka}) and outcome ({@code recovered},
     * {@code unavailable} or {@code failed}).
     */
    void replayed(String source, String outcome);

    /** Clients waiting for a Kafka catch-up scan, or being served by one, changed by {@code delta}. */
    void waiting(int delta);

    /** A pass of a shared scan over one partition started, for {@code clients} clients (more may join it). */
    void scanStarted(int clients);

    /** A client joined a scan that was already reading. */
    void joinedRunningScan();

    /** Scans read {@code records} more records. */
    void scanned(int records);
}
