package io.chainpulse.testevents;

import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes test events into the raw topic, keyed as ingest keys them, and waits for the broker's acknowledgement so
 * that an endpoint answers only once its event is durable. Remembers recent Stellar events by event id, so that
 * the same event can be written again to show it counts once. Thread-safe.
 */
final class TestEventWriter implements AutoCloseable {
    static final String ORIGIN = "TEST";
    private static final int REMEMBERED = 10_000;

    private final Topic<String, RawChainEvent> topic;
    private final KafkaProducer<String, RawChainEvent> producer;
    private final Map<String, RawChainEvent> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RawChainEvent> eldest) {
            return size() > REMEMBERED;
        }
    };

    TestEventWriter(String bootstrapServers, Topic<String, RawChainEvent> topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "push-gateway-test-events",
                // the same durability ingest asks for: a test event must not vanish after the endpoint said yes
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Writes one event under {@code key}; blocks until acknowledged. */
    RecordMetadata write(String key, RawChainEvent event) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic.name(), key, event)).get(30, TimeUnit.SECONDS);
            if (event.getEventId() != null) {
                synchronized (recent) {
                    recent.put(event.getEventId(), event);
                }
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a test event", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the test event to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    /** A Stellar test event written before, by its event id. */
    Optional<RawChainEvent> written(String eventId) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(eventId));
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
