package io.chainpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionRateLimiterTest {
    private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void shouldGrantExactlyTheAllowanceWhenManyThreadsTakeAtOnce() throws Exception {
        // Given a limiter of 1,000 a minute and a clock that does not move
        ConnectionRateLimiter limiter = new ConnectionRateLimiter(1_000, Clock.fixed(START, ZoneOffset.UTC));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> granted = new ArrayList<>();

        // When 8 threads ask 500 times each for the same address
        for (int t = 0; t < 8; t++) {
            granted.add(threads.submit(() -> {
                go.await();
                int mine = 0;
                for (int i = 0; i < 500; i++) {
                    if (limiter.tryAcquire("10.0.0.1")) {
                        mine++;
                    }
                }
                return mine;
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> future : granted) {
            total += future.get();
        }
        threads.shutdown();

        // Then exactly the allowance was granted, no more and no less
        assertThat(total).isEqualTo(1_000);
        assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();
    }

    @Test
    void shouldRefillWithTimeAndIgnoreAClockReadingOlderThanTheLastUpdate() {
        // Given an allowance of 60 a minute, used up
        AtomicLong millis = new AtomicLong(START.toEpochMilli());
        Clock clock = new Clock() {
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
                return Instant.ofEpochMilli(millis.get());
            }
        };
        ConnectionRateLimiter limiter = new ConnectionRateLimiter(60, clock);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();

        // When a second passes, one more is allowed; a reading from the past adds none
        millis.addAndGet(1_000);
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        millis.addAndGet(-5_000);
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();

        // Then a full minute later the address is full again and forgotten
        millis.addAndGet(70_000);
        limiter.forgetIdle();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    }
}
