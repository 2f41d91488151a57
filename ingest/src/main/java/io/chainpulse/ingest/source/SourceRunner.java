package io.chainpulse.ingest.source;

import io.chainpulse.ingest.publish.FencedProducerException;
import io.chainpulse.ingest.retry.Backoff;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every ingest source shares: follow on its own thread, step after step; back off with jitter
 * after a failure and go on for ever; stop for good when another ingest of the same source fenced the producer;
 * on close finish the current step (its checkpoint is committed with its records), then release the resources.
 */
public final class SourceRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final String name;
    private final SourceFollower follower;
    private final Pacer pacer;
    private final long pollIntervalMillis;
    private final List<AutoCloseable> resources;
    private final Backoff backoff = new Backoff(200, 30_000);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean fenced;

    /**
     * @param name what the logs call the source ({@code EVM ingest})
     * @param resources closed in order once the follower's thread has ended (the publisher, the meter registry)
     */
    public SourceRunner(String name, String threadName, SourceFollower follower, Pacer pacer, long pollIntervalMillis,
            List<AutoCloseable> resources) {
        this.name = name;
        this.follower = follower;
        this.pacer = pacer;
        this.pollIntervalMillis = pollIntervalMillis;
        this.resources = List.copyOf(resources);
        this.thread = Thread.ofPlatform().name(threadName).unstarted(this::follow);
    }

    public SourceRunner start() {
        thread.start();
        return this;
    }

    /** True once another ingest of this source took over and this one stopped publishing. */
    public boolean fenced() {
        return fenced;
    }

    private void follow() {
        while (running) {
            try {
                boolean more = follower.step();
                backoff.reset();
                if (!more && running) {
                    pacer.await(pollIntervalMillis);
                }
            } catch (FencedProducerException e) {
                fenced = true;
                log.error("stopping {}: {}", name, e.getMessage());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | RuntimeException e) {
                if (!follower.adapted(e)) {
                    long delay = backoff.next();
                    follower.failed(e, delay);
                    pauseUnlessStopped(delay);
                }
            }
        }
        follower.disconnect();
        log.info("{} stopped at {}", name, follower.position());
    }

    private void pauseUnlessStopped(long millis) {
        try {
            stopRequested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Lets the current step finish, waits for the thread (at most 30 s), then closes the resources. */
    @Override
    public void close() {
        running = false;
        stopRequested.countDown();
        pacer.wake();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing a resource of {}: {}", name, e.toString());
            }
        }
    }
}
