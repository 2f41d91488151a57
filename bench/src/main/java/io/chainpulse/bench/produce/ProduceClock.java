package io.chainpulse.bench.produce;

import java.time.Clock;
import java.time.Instant;

/**
 * The produce time a benchmark embeds in each tip: epoch microseconds as the tip's bytes32 session id, which the
 * processor stores and the gateway pushes unchanged, so a load generator on the same machine can subtract it from
 * its own clock with sub-millisecond resolution.
 */
public final class ProduceClock {
    private static final Clock CLOCK = Clock.systemUTC();

    private ProduceClock() {}

    public static String sessionIdNow() {
        return "0x%064x".formatted(microsNow());
    }

    /** Epoch microseconds now: a stream event's stream id in the Socket.IO fan-out. */
    public static long microsNow() {
        Instant now = CLOCK.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
