package io.chainpulse.produce;

import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes test events to the raw topic, one at a time or as a paced burst, and counts broker acknowledgements.
 * One burst at a time per instance; the progress and ack callbacks run on the producer's I/O thread.
 */
public final class BurstProducer implements AutoCloseable {
    private final KafkaProducer<String, RawChainEvent> producer;
    private final Topics topics;

    /** Where a burst stands; {@code failed} counts sends the brokers refused after the producer's own retries. */
    public record Progress(long sent, long acked, long failed, long total, Duration elapsed) {
        public double ackedPerSecond() {
            double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
            return acked / seconds;
        }

        public String line() {
            return "produced %d/%d, acked %d, failed %d (%.0f/s)".formatted(sent, total, acked, failed, ackedPerSecond());
        }
    }

    public BurstProducer(String bootstrapServers, Topics topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // acks=all + idempotence: a broker failover neither loses nor duplicates a test event
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), topics.raw().valueSerde().serializer());
    }

    /**
     * Sends {@code count} events from {@code next} at {@code ratePerSecond} (0 = as fast as the producer takes them),
     * reporting progress every {@code progressEvery}, and waits until every send is acknowledged or failed.
     */
    public Progress send(int count, double ratePerSecond, Supplier<RawChainEvent> next, Consumer<Progress> onProgress,
            Duration progressEvery, Consumer<RawChainEvent> onAcked) {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, was " + count);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("--rate must be >= 0, was " + ratePerSecond);
        }
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long nextReport = start + progressEvery.toNanos();
        for (int i = 0; i < count; i++) {
            if (ratePerSecond > 0) {
                long due = start + (long) (i * 1e9 / ratePerSecond);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            RawChainEvent event = next.get();
            producer.send(TestEventFactory.record(topics, event), (metadata, failure) -> {
                if (failure == null) {
                    acked.incrementAndGet();
                    onAcked.accept(event);
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, failure);
                }
            });
            if (System.nanoTime() >= nextReport) {
                onProgress.accept(new Progress(i + 1, acked.get(), failed.get(), count, Duration.ofNanos(System.nanoTime() - start)));
                nextReport = System.nanoTime() + progressEvery.toNanos();
            }
        }
        producer.flush();
        Progress done = new Progress(count, acked.get(), failed.get(), count, Duration.ofNanos(System.nanoTime() - start));
        if (firstFailure.get() != null) {
            throw new IllegalStateException(done.line() + "; first failure: " + firstFailure.get().getMessage(),
                    firstFailure.get());
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
