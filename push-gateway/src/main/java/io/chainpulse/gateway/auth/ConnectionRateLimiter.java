package io.chainpulse.gateway.auth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits how many sockets (or, for {@code RequestLimit}, HTTP requests) one IP may open per minute, as a token bucket
 * refilled continuously, so a reconnect storm or a request flood from one client cannot starve the others.
 * Thread-safe.
 */
public final class ConnectionRateLimiter {
    private static final long MINUTE_MILLIS = 60_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ConnectionRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one connection from the address's allowance; false when it has none left. */
    public boolean tryAcquire(String address) {
        long now = clock.millis();
        return buckets.computeIfAbsent(address, ignored -> new Bucket(perMinute, now)).take(perMinute, now);
    }

    /** Forgets addresses whose bucket is full again, so the map does not grow with every IP ever seen. */
    public void forgetIdle() {
        long now = clock.millis();
        buckets.entrySet().removeIf(entry -> entry.getValue().isFull(perMinute, now));
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedAt = now;
        }

        synchronized boolean take(int capacity, long now) {
            refill(capacity, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(int capacity, long now) {
            refill(capacity, now);
            return tokens >= capacity;
        }

        private void refill(int capacity, long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * (double) capacity / MINUTE_MILLIS);
            updatedAt = now;
        }
    }
}
