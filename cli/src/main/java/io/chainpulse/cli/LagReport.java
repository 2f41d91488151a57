package io.chainpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind everyone is: each consumer group's committed offset against the partition's end (last stable)
 * offset, and each ingest source (every one that checkpointed, and the running dev stack's) against the chain head.
 */
record LagReport(List<PartitionLag> partitions, List<SourceLag> sources) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One group on one partition; a partition the group never committed counts everything as lag. */
    record PartitionLag(String group, String topic, int partition, OptionalLong committed, long end) {
        long lag() {
            return Math.max(0, end - committed.orElse(0));
        }
    }

    /**
     * One ingest source: its last fully published block (none yet for a running source that has not checkpointed),
     * and, when an RPC endpoint answered, the chain head.
     */
    record SourceLag(String sourceId, OptionalLong checkpointBlock, OptionalLong updatedAt, OptionalLong head) {
        static SourceLag withoutCheckpoint(String sourceId, OptionalLong head) {
            return new SourceLag(sourceId, OptionalLong.empty(), OptionalLong.empty(), head);
        }

        OptionalLong blocksBehind() {
            return head.isPresent() && checkpointBlock.isPresent()
                    ? OptionalLong.of(Math.max(0, head.getAsLong() - checkpointBlock.getAsLong())) : OptionalLong.empty();
        }
    }

    static List<PartitionLag> partitionLags(String group, Map<TopicPartition, OptionalLong> committed,
            Map<TopicPartition, Long> end) {
        List<PartitionLag> rows = new ArrayList<>();
        end.forEach((tp, endOffset) -> rows.add(new PartitionLag(group, tp.topic(), tp.partition(),
                committed.getOrDefault(tp, OptionalLong.empty()), endOffset)));
        rows.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return rows;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-36s %-36s %9s %12s %12s %10s%n", "GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"));
        for (PartitionLag row : partitions) {
            out.append(String.format("%-36s %-36s %9d %12s %12d %10d%n", row.group(), row.topic(), row.partition(),
                    row.committed().isPresent() ? String.valueOf(row.committed().getAsLong()) : "-", row.end(), row.lag()));
        }
        if (partitions.isEmpty()) {
            out.append("(no consumer group has committed offsets)\n");
        }
        out.append(System.lineSeparator());
        out.append(String.format("%-48s %12s %12s %14s%n", "INGEST SOURCE", "CHECKPOINT", "CHAIN HEAD", "BLOCKS BEHIND"));
        for (SourceLag source : sources) {
            out.append(String.format("%-48s %12s %12s %14s%n", source.sourceId(), text(source.checkpointBlock()),
                    text(source.head()), text(source.blocksBehind())));
        }
        if (sources.isEmpty()) {
            out.append("(no ingest source)\n");
        }
        return out.toString();
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode groups = root.putArray("partitions");
        for (PartitionLag row : partitions) {
            ObjectNode node = groups.addObject().put("group", row.group()).put("topic", row.topic())
                    .put("partition", row.partition());
            if (row.committed().isPresent()) {
                node.put("committed", row.committed().getAsLong());
            } else {
                node.putNull("committed");
            }
            node.put("end", row.end()).put("lag", row.lag());
        }
        ArrayNode checkpoints = root.putArray("ingest");
        for (SourceLag source : sources) {
            ObjectNode node = checkpoints.addObject().put("sourceId", source.sourceId());
            put(node, "checkpointBlock", source.checkpointBlock());
            put(node, "updatedAt", source.updatedAt());
            put(node, "chainHead", source.head());
            put(node, "blocksBehind", source.blocksBehind());
        }
        return root.toString();
    }

    private static void put(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? String.valueOf(value.getAsLong()) : "-";
    }
}
