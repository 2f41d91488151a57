package io.chainpulse.testevents;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client IP: {@code perMinute} requests at once, refilled evenly over a minute. A refused request
 * takes no token and learns how many seconds until the next one is admitted. Thread-safe.
 */
final class RequestRateLimiter {
    private static final double MINUTE_MILLIS = 60_000;
    /** Past this many clients, buckets that are full again are dropped, so that memory stays bounded. */
    private static final int FORGET_ABOVE = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Tokens left, counted at {@code atMillis}. */
    private record Bucket(double tokens, long atMillis) {}

    /** Empty when the request of {@code ip} is admitted; otherwise the whole seconds to wait, at least 1. */
    OptionalLong tryAcquire(String ip) {
        long now = clock.millis();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(bucket -> refilled(bucket, now) >= perMinute);
        }
        long[] waitSeconds = {0};
        buckets.compute(ip, (key, bucket) -> {
            double tokens = bucket == null ? perMinute : refilled(bucket, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            waitSeconds[0] = Math.max(1, (long) Math.ceil((1 - tokens) * MINUTE_MILLIS / perMinute / 1000));
            return new Bucket(tokens, now);
        });
        return waitSeconds[0] == 0 ? OptionalLong.empty() : OptionalLong.of(waitSeconds[0]);
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(perMinute, bucket.tokens() + (now - bucket.atMillis()) * perMinute / MINUTE_MILLIS);
    }
}
