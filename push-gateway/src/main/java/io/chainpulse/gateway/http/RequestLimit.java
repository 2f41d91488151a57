package io.chainpulse.gateway.http;

import io.chainpulse.gateway.auth.ConnectionRateLimiter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * HTTP_REQUESTS_PER_IP_PER_MINUTE on the REST routes: a request beyond one address's allowance is answered 429 with
 * {@code Retry-After} (the seconds until the allowance has one request again) and goes no further. Health and metrics
 * are not limited, so that probes and scrapers behind one address always get their answer.
 */
public final class RequestLimit {
    private final ConnectionRateLimiter limiter;
    private final String retryAfterSeconds;

    public RequestLimit(int perMinute, Clock clock) {
        this.limiter = new ConnectionRateLimiter(perMinute, clock);
        this.retryAfterSeconds = String.valueOf(Math.max(1, (60 + perMinute - 1) / perMinute));
    }

    /** Whether the limit applies to a path: the REST routes, not /health, /metrics or Socket.IO's own. */
    static boolean limits(String path) {
        return path.startsWith("/api/") || path.equals("/ws-status") || path.startsWith("/overlay/");
    }

    public void check(Context ctx) {
        if (!limits(ctx.path()) || limiter.tryAcquire(ctx.ip())) {
            return;
        }
        ctx.status(429).header("Retry-After", retryAfterSeconds).contentType("application/json")
                .result("{\"error\":\"too many requests from this address\"}".getBytes(StandardCharsets.UTF_8));
        ctx.skipRemainingHandlers();
    }

    /** Forgets addresses whose allowance is full again; called now and then. */
    public void forgetIdle() {
        limiter.forgetIdle();
    }
}
