package io.chainpulse.gateway.session;

/** How a reconnecting member catches up from its cursor; decided atomically with its attachment. */
public sealed interface ReplayPlan {
    /** Everything missed was sent from memory; live events follow. */
    record Served(int events) implements ReplayPlan {}

    /**
     * Memory does not reach back far enough, or the consumer has not read up to the end yet: read {@code partition}
     * from just after {@code afterOffset} up to and including {@code upToOffset} from Kafka, then end the replay.
     */
    record FromKafka(int partition, long afterOffset, long upToOffset) implements ReplayPlan {}

    /** The cursor is not a position of these events: the client was told, and is attached live. */
    record Unavailable(String reason) implements ReplayPlan {}
}
