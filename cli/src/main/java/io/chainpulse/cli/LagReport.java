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
 * offset, and each ingest source's checkpoint against the chain head.
 */
record LagReport(List<PartitionLag> partitions, List<SourceLag> sources) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One group on one partition; a partition the group never committed counts everything as lag. */
    record PartitionLag(String group, String topic, int partition, OptionalLong committed, long end) {
        long lag() {
            return Math.max(0, end - committed.orElse(0));
        }
    }

    /** One ingest source: its last fully published block and, when an RPC endpoint answered, the chain head. */
    record SourceLag(String sourceId, long checkpointBlock, long updatedAt, OptionalLong head) {
        OptionalLong blocksBehind() {
            return head.isPresent() ? OptionalLong.of(Math.max(0, head.getAsLong() - checkpointBlock)) : OptionalLong.empty();
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
            out.append(String.format("%-48s %12d %12s %14s%n", source.sourceId(), source.checkpointBlock(),
                    text(source.head()), text(source.blocksBehind())));
        }
        if (sources.isEmpty()) {
            out.append("(no ingest checkpoint yet)\n");
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
            ObjectNode node = checkpoints.addObject().put("sourceId", source.sourceId())
                    .put("checkpointBlock", source.checkpointBlock()).put("updatedAt", source.updatedAt());
            if (source.head().isPresent()) {
                node.put("chainHead", source.head().getAsLong()).put("blocksBehind", source.blocksBehind().getAsLong());
            } else {
                node.putNull("chainHead").putNull("blocksBehind");
            }
        }
        return root.toString();
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? String.valueOf(value.getAsLong()) : "-";
    }
}
