package io.chainpulse.gateway.session;

import java.time.Duration;

/**
 * What one tip socket may take: how often it is pinged and how long its pong may take, how many bytes it may leave
 * unread before it is closed as slow (1013), and the largest frame either way (1009).
 */
public record SessionLimits(Duration pingInterval, Duration pongTimeout, long maxQueuedBytes, int maxInboundBytes) {
    /** Jetty's idle timeout: the heartbeat decides when a client is dead, the idle timeout is only a backstop. */
    public Duration idleTimeout() {
        return pingInterval.multipliedBy(3).plus(pongTimeout);
    }
}
