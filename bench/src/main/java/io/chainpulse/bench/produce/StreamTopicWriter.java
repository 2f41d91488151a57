package io.chainpulse.bench.produce;

import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.stream.StreamEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes new-stream events straight into the stream-events topic, keyed by address, as the processor would after
 * persisting them: the Socket.IO fan-out of the push gateway alone. One thread at a time.
 */
public final class StreamTopicWriter implements AutoCloseable {
    private final KafkaProducer<String, StreamEvent> producer;
    private final Topics topics;
    private final List<String> addresses;
    private final SendCounter counter = new SendCounter();
    private long sent;

    public StreamTopicWriter(String bootstrapServers, Topics topics, List<String> addresses) {
        this.topics = topics;
        this.addresses = List.copyOf(addresses);
        // the settings of TipTopicWriter: acknowledged by every replica, no duplicates on retry, 2 ms batches
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2),
                new StringSerializer(), topics.streams().valueSerde().serializer());
    }

    /**
     * Round-robin over the addresses at {@code ratePerSecond} for {@code duration}; the count and the time the
     * sending took.
     */
    public Sent sendAtRate(double ratePerSecond, Duration duration) {
        Sent window = Pacer.sendAtRate(ratePerSecond, duration, i -> {
            long n = sent++;
            StreamEvent event = BenchStreamEvents.newStream(addresses.get((int) (n % addresses.size())), n);
            producer.send(new ProducerRecord<>(topics.streams().name(), event.getAddress(), event), counter.callback());
        });
        producer.flush();
        counter.throwIfFailed();
        return window;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
