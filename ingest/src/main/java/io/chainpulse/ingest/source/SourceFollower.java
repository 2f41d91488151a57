package io.chainpulse.ingest.source;

import java.io.IOException;

/**
 * One chain source as {@link SourceRunner} drives it: steps that each publish the next batch with its checkpoint,
 * and what a failed step costs. Called from the runner's thread only.
 */
public interface SourceFollower {
    /** Connects when needed, then publishes the next batch; true when more is waiting right away. */
    boolean step() throws IOException, InterruptedException;

    /** True when the follower handled {@code failure} itself (say, by asking for less) and may step again at once. */
    default boolean adapted(Exception failure) {
        return false;
    }

    /** A step failed and the runner waits {@code retryInMillis}: count it, say so, move to the next endpoint. */
    void failed(Exception failure, long retryInMillis);

    /** Where the source stands, for the stop line: {@code block 42}, {@code ledger 1001}. */
    String position();

    /** Drops connections; the runner calls it once, after the last step. */
    void disconnect();
}
