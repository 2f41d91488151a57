package io.chainpulse.processor.persist;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a database call until it succeeds or fails for good: while PostgreSQL is away the processor makes no
 * progress, logs once per outage, and resumes where it was when the database returns.
 */
public final class RetryingDatabase {
    private static final Logger log = LoggerFactory.getLogger(RetryingDatabase.class);
    private static final long MAX_DELAY_MS = 5_000;

    private RetryingDatabase() {}

    public static <T> T call(String what, Supplier<T> work) {
        int attempt = 0;
        long outageStart = 0;
        while (true) {
            try {
                T result = work.get();
                if (attempt > 0) {
                    log.info("PostgreSQL is back after {} ms; {} succeeded", System.currentTimeMillis() - outageStart, what);
                }
                return result;
            } catch (RuntimeException e) {
                if (!Failures.isRetriable(e)) {
                    throw e;
                }
                if (attempt == 0) {
                    outageStart = System.currentTimeMillis();
                    log.warn("PostgreSQL unavailable while {} ({}); holding the pipeline and retrying", what, e.toString());
                }
                attempt++;
                long ceiling = Math.min(MAX_DELAY_MS, 100L << Math.min(attempt, 10));
                try {
                    Thread.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for PostgreSQL", interrupted);
                }
            }
        }
    }
}
