package io.chainpulse.gateway.session;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that write sockets: an outbox with frames waiting is handed to one of them, which gives every frame
 * the socket has waiting to Jetty in one gathered write. Whoever publishes (the live consumer, a replay) only queues
 * frames, so publishing one event to thousands of sockets is not thousands of system calls on one thread; the
 * writers run them in parallel, and a socket whose frames piled up while it waited for a writer costs one write, not
 * one per frame. {@link #awaitWritten} lets the publisher wait until everything it queued has been handed over, so
 * it never runs ahead of the writers. Thread-safe.
 */
public final class SocketWriters implements Outbox.Writer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketWriters.class);

    private final Lane[] lanes;
    private final AtomicInteger nextLane = new AtomicInteger();
    /** Pumps queued and not yet run. */
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Thread awaiting;

    public SocketWriters(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one writer thread, was " + threads);
        }
        lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane();
            lanes[i].thread = Thread.ofPlatform().name("gateway-socket-writer-" + i).daemon(true).start(lanes[i]);
        }
    }

    @Override
    public int lane() {
        return Math.floorMod(nextLane.getAndIncrement(), lanes.length);
    }

    @Override
    public void schedule(int lane, Runnable pump) {
        waiting.incrementAndGet();
        lanes[lane].add(pump);
    }

    /**
     * Waits until every pump queued so far has run (its frames are with Jetty: written, or waiting for a client that
     * reads slowly), or {@code limit} passes; true when they have.
     */
    public boolean awaitWritten(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        awaiting = Thread.currentThread();
        try {
            while (waiting.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, 1_000_000));
            }
            return true;
        } finally {
            awaiting = null;
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Lane lane : lanes) {
            LockSupport.unpark(lane.thread);
        }
    }

    private void ran() {
        if (waiting.decrementAndGet() == 0) {
            Thread waiter = awaiting;
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
        }
    }

    private final class Lane implements Runnable {
        private final ConcurrentLinkedQueue<Runnable> pumps = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean parked = new AtomicBoolean();
        private Thread thread;

        void add(Runnable pump) {
            pumps.add(pump);
            if (parked.get() && parked.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (running.get()) {
                Runnable pump = pumps.poll();
                if (pump == null) {
                    // parked is set before the queue is looked at again: an add after that look sees it and unparks
                    parked.set(true);
                    if (pumps.isEmpty() && running.get()) {
                        LockSupport.park(this);
                    }
                    parked.set(false);
                    continue;
                }
                try {
                    pump.run();
                } catch (RuntimeException e) {
                    log.warn("writing a socket failed: {}", e.toString(), e);
                } finally {
                    ran();
                }
            }
        }
    }
}
