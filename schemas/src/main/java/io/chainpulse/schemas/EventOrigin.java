package io.chainpulse.schemas;

import java.util.Optional;

/**
 * Where an event came from: {@code CHAIN} for events ingested from a chain, {@code TEST} for events written by the
 * test endpoints and the produce command. Test events are stored and delivered marked as such, and never count as
 * money: they move no balance and stay out of a creator's tip history unless asked for.
 */
public enum EventOrigin {
    CHAIN,
    TEST;

    /** The origin named by {@code text} exactly as written on the wire; empty for anything else. */
    public static Optional<EventOrigin> parse(String text) {
        for (EventOrigin origin : values()) {
            if (origin.name().equals(text)) {
                return Optional.of(origin);
            }
        }
        return Optional.empty();
    }
}
