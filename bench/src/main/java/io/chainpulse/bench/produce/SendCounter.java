package io.chainpulse.bench.produce;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;

/** Acknowledged and failed sends; the callbacks run on the producer's I/O thread. */
public final class SendCounter {
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    Callback callback() {
        return (metadata, failure) -> {
            if (failure == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, failure);
            }
        };
    }

    public long acked() {
        return acked.get();
    }

    public long failed() {
        return failed.get();
    }

    public void throwIfFailed() {
        if (firstFailure.get() != null) {
            throw new IllegalStateException(failed.get() + " sends failed; first: " + firstFailure.get().getMessage(),
                    firstFailure.get());
        }
    }
}
