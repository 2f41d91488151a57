package io.chainpulse.ingest.publish;

import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a batch of raw events and the checkpoint that covers them in one Kafka transaction: either both
 * become visible to read_committed readers or neither does, so a crash can neither lose nor repeat a block.
 * Not thread-safe: one follower thread owns it.
 */
public final class RawEventPublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Topics topics;
    private final Function<RawChainEvent, String> keyOf;
    private final String transactionalId;

    public RawEventPublisher(String bootstrapServers, String transactionalId, Topics topics,
            Function<RawChainEvent, String> keyOf) {
        this.topics = topics;
        this.keyOf = keyOf;
        this.transactionalId = transactionalId;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // the transactional id fences a zombie ingest of the same source after a restart
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /**
     * Writes the events and the checkpoint atomically; on failure nothing of the batch is visible.
     *
     * @throws FencedProducerException when another ingest of this source took over
     */
    public void publish(List<RawChainEvent> events, IngestCheckpoint checkpoint) {
        try {
            producer.beginTransaction();
            for (RawChainEvent event : events) {
                producer.send(new ProducerRecord<>(topics.raw().name(), bytes(keyOf.apply(event)),
                        topics.raw().valueSerde().serializer().serialize(topics.raw().name(), event)));
            }
            producer.send(new ProducerRecord<>(topics.checkpoints().name(), bytes(checkpoint.getSourceId()),
                    topics.checkpoints().valueSerde().serializer().serialize(topics.checkpoints().name(), checkpoint)));
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw new FencedProducerException(transactionalId, e);
        } catch (KafkaException e) {
            // an old epoch (InvalidProducerEpochException) is abortable: the next transaction learns it was fenced
            try {
                producer.abortTransaction();
            } catch (ProducerFencedException fenced) {
                throw new FencedProducerException(transactionalId, fenced);
            } catch (KafkaException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
