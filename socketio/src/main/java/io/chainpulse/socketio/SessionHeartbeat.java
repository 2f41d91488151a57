package io.chainpulse.socketio;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one session, as the reference server keeps it: a ping one ping interval after the start and one
 * after each pong; a ping unanswered for the ping timeout ends the session. Thread-safe (it locks on itself and calls
 * out only outside its lock).
 */
final class SessionHeartbeat {
    private final SocketIoSettings settings;
    private final ScheduledExecutorService timers;
    private final Runnable sendPing;
    private final Runnable timedOut;
    private ScheduledFuture<?> next;
    private long pingSentMillis;
    private boolean stopped;

    SessionHeartbeat(SocketIoSettings settings, ScheduledExecutorService timers, Runnable sendPing, Runnable timedOut) {
        this.settings = settings;
        this.timers = timers;
        this.sendPing = sendPing;
        this.timedOut = timedOut;
    }

    /** The first ping follows one ping interval from now. */
    synchronized void start() {
        schedulePing();
    }

    // holding this object's lock
    private void schedulePing() {
        if (!stopped) {
            next = timers.schedule(this::ping, settings.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void ping() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            pingSentMillis = System.currentTimeMillis();
            next = timers.schedule(timedOut, settings.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        sendPing.run();
    }

    /** A pong: the next ping follows one ping interval from now. */
    synchronized void pong() {
        pingSentMillis = 0;
        if (next != null) {
            next.cancel(false);
        }
        schedulePing();
    }

    /** True when a ping has waited the whole ping timeout (its timer may not have run yet on a busy machine). */
    synchronized boolean overdue(long nowMillis) {
        return pingSentMillis != 0 && nowMillis - pingSentMillis >= settings.pingTimeout().toMillis();
    }

    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
