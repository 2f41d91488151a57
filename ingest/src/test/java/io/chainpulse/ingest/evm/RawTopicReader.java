package io.chainpulse.ingest.evm;

import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the raw topic as analytics would (read_committed), collecting every record on a background thread. */
final class RawTopicReader implements AutoCloseable {
    final List<RawChainEvent> events = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    RawTopicReader(String bootstrapServers, Topics topics) {
        thread = Thread.ofPlatform().daemon().start(() -> {
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topics.raw().name()));
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        events.add(topics.raw().valueSerde().deserializer().deserialize(record.topic(), record.value()));
                    }
                }
            }
        });
    }

    List<RawChainEvent> added() {
        return events.stream().filter(event -> !event.getRemoved()).toList();
    }

    List<RawChainEvent> removed() {
        return events.stream().filter(RawChainEvent::getRemoved).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
