package io.chainpulse.testevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void shouldAdmitABurstOfPerMinuteThenAskTheClientToWait() {
        RequestRateLimiter limiter = new RequestRateLimiter(3, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
        }
        OptionalLong refused = limiter.tryAcquire("10.0.0.1");

        assertThat(refused).hasValue(20);
        assertThat(limiter.tryAcquire("10.0.0.2")).isEmpty();
    }

    @Test
    void shouldAdmitAgainOnceATokenHasRefilled() {
        RequestRateLimiter limiter = new RequestRateLimiter(60, clock);
        for (int i = 0; i < 60; i++) {
            limiter.tryAcquire("10.0.0.1");
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).hasValue(1);

        now.set(now.get().plus(Duration.ofSeconds(1)));

        assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
        assertThat(limiter.tryAcquire("10.0.0.1")).isPresent();
    }
}
