package io.chainpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.schemas.Topic;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a topic's records as JSON lines, decoded from Avro, without joining a consumer group or committing. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Print a topic's records as JSON lines: {topic, partition, offset, timestamp, key, value}.",
                "TOPIC is raw, tips, balances, dead-letters, checkpoints, or a full topic name. Reads committed records "
                        + "only, joins no consumer group and commits nothing. Follows new records until Ctrl-C, --max "
                        + "or --to-end."})
final class ConsumeCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "raw, tips, balances, dead-letters, checkpoints, or a full name.")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the oldest retained record (default: only new records).")
    boolean fromBeginning;

    @Option(names = "--offset", paramLabel = "N", description = "Start at this offset in every partition read.")
    Long offset;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Start at the first record at or after this ISO-8601 time, e.g. 2026-05-01T12:00:00Z.")
    String since;

    @Option(names = "--partition", paramLabel = "P", description = "Read only this partition.")
    Integer partition;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--to-end", description = "Stop at the end of the topic as it was when the command started.")
    boolean toEnd;

    @Override
    public void run() {
        if ((fromBeginning ? 1 : 0) + (offset != null ? 1 : 0) + (since != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("choose one of --from-beginning, --offset and --since");
        }
        Topic<String, ?> topic = TopicNames.resolve(kafka.topics(), topicName);
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                // aborted transactions (an ingest batch or a processor commit that failed) are not records anyone saw
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .filter(tp -> partition == null || tp.partition() == partition).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic.name() + " has no partition "
                        + (partition != null ? partition : "") + " (does it exist? ./chainpulse topics create)");
            }
            consumer.assign(partitions);
            position(consumer, partitions);
            Map<TopicPartition, Long> end = toEnd ? consumer.endOffsets(partitions) : Map.of();
            print(consumer, topic, end, System.out);
        }
    }

    private void position(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else if (offset != null) {
            partitions.forEach(tp -> consumer.seek(tp, offset));
        } else if (since != null) {
            long at = parseTime(since).toEpochMilli();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, at));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp hit = found.get(tp);
                consumer.seek(tp, hit != null ? hit.offset() : ends.get(tp));
            }
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    private void print(KafkaConsumer<String, byte[]> consumer, Topic<String, ?> topic, Map<TopicPartition, Long> end,
            PrintStream out) {
        long printed = 0;
        while (max == null || printed < max) {
            if (toEnd && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                return;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (toEnd && record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                out.println(line(topic, record));
                printed++;
                if (max != null && printed >= max) {
                    break;
                }
            }
            out.flush();
        }
    }

    static String line(Topic<String, ?> topic, ConsumerRecord<String, byte[]> record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key());
        if (record.value() == null) {
            line.putNull("value");
        } else {
            try {
                line.set("value", AvroJson.toJson(topic.valueSerde().deserializer().deserialize(record.topic(), record.value())));
            } catch (RuntimeException undecodable) {
                line.put("error", "undecodable value: " + undecodable.getMessage());
            }
        }
        return line.toString();
    }

    static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--since must be an ISO-8601 time such as 2026-05-01T12:00:00Z, was " + text, e);
            }
        }
    }
}
