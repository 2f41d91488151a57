package io.chainpulse.bench.backfill;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts the committed records of a topic from its beginning, on its own thread, and notes when a count was reached. */
public final class TopicCounter implements AutoCloseable {
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong reachedAtNanos = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public TopicCounter(String bootstrapServers, String topic, long target) {
        this.thread = Thread.ofPlatform().daemon(true).name("topic-counter").start(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    // only what the processor committed counts, as the gateway sees it
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    long now = count.addAndGet(consumer.poll(Duration.ofMillis(200)).count());
                    if (now >= target) {
                        reachedAtNanos.compareAndSet(0, System.nanoTime());
                    }
                }
            }
        });
    }

    public long count() {
        return count.get();
    }

    /** System.nanoTime() when the target was reached, or 0. */
    public long reachedAtNanos() {
        return reachedAtNanos.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
