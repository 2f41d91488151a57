package io.chainpulse.ingest.checkpoint;

import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a source's last committed checkpoint from the compacted checkpoint topic (read_committed). */
public final class CheckpointReader {
    private CheckpointReader() {}

    public static Optional<IngestCheckpoint> latest(String bootstrapServers, Topics topics, String sourceId) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // only checkpoints of committed transactions count: an aborted batch was never published
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topics.checkpoints().name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            IngestCheckpoint latest = null;
            while (!reached(consumer, end)) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (sourceId.equals(record.key()) && record.value() != null) {
                        latest = topics.checkpoints().valueSerde().deserializer().deserialize(record.topic(), record.value());
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

}
