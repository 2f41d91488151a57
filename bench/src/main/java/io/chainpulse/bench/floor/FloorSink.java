package io.chainpulse.bench.floor;

import io.chainpulse.bench.report.Histogram;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the relay's output as the gateway reads the tips topic (read_committed, every partition assigned, no group,
 * 5,000 records a poll) and records each record's latency from the produce time in its first 8 bytes (epoch µs).
 * Its own thread; the histogram is taken under a lock.
 */
final class FloorSink implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private Histogram latency = new Histogram();
    private volatile boolean running = true;

    FloorSink(String bootstrapServers, String topic, int partitions) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = IntStream.range(0, partitions)
                .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position);
        this.thread = Thread.ofPlatform().name("floor-sink").start(this::run);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Instant now = Instant.now();
                    long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
                    long produced = ByteBuffer.wrap(record.value()).getLong();
                    synchronized (this) {
                        latency.addMicros(micros - produced, 1);
                    }
                    received.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    long received() {
        return received.get();
    }

    /** The latencies since the last call, and a fresh histogram for the next. */
    synchronized Histogram takeLatency() {
        Histogram taken = latency;
        latency = new Histogram();
        return taken;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
