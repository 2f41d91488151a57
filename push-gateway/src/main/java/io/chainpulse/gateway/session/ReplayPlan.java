package io.chainpulse.gateway.session;

/** How a reconnecting socket catches up from its cursor; decided atomically with its attachment. */
public sealed interface ReplayPlan {
    /** Everything missed was sent from memory; live events follow. */
    record Served(int events) implements ReplayPlan {}

    /**
     * Memory does not reach back far enough: read {@code partition} from just after {@code afterOffset} up to and
     * including {@code upToOffset} from Kafka, then end the replay. When {@code upToOffset <= afterOffset} nothing is
     * read, but the cursor must still be shown to exist.
     */
    record FromKafka(int partition, long afterOffset, long upToOffset) implements ReplayPlan {}

    /** The cursor is not a position of this creator: the client was told, and is attached live. */
    record Unavailable(String reason) implements ReplayPlan {}
}
