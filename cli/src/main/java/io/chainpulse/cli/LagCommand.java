package io.chainpulse.cli;

import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shows consumer-group lag per partition and each ingest source's checkpoint against the chain head. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Per consumer group and partition: committed offset, end offset (last stable offset) and lag;",
                "then each ingest source's checkpoint block against the chain head (eth_blockNumber at --rpc-url, "
                        + "BASE_RPC_URL or the dev chain)."})
final class LagCommand implements Runnable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only these consumer groups (repeatable; default: all).")
    List<String> groups;

    @Option(names = "--rpc-url", paramLabel = "URL", description = "EVM JSON-RPC http(s) URL for the chain head.")
    String rpcUrl;

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Override
    public void run() {
        String servers = kafka.bootstrapServers();
        Topics topics = kafka.topics();
        List<LagReport.PartitionLag> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            for (String group : groupIds(admin)) {
                partitions.addAll(groupLag(admin, group));
            }
        }
        OptionalLong head = headUrl().map(ChainHead::fetch).orElse(OptionalLong.empty());
        List<LagReport.SourceLag> sources = new ArrayList<>();
        TreeSet<String> sourceIds = new TreeSet<>(sourceIds(servers, topics));
        // a running dev source is listed before its first checkpoint too
        KafkaOptions.devState().filter(dev -> servers.equals(dev.kafkaBootstrapServers()))
                .ifPresent(dev -> sourceIds.addAll(dev.ingestSourceIds()));
        for (String sourceId : sourceIds) {
            sources.add(CheckpointReader.latest(servers, topics, sourceId)
                    .map(checkpoint -> new LagReport.SourceLag(sourceId, OptionalLong.of(checkpoint.getBlockNumber()),
                            OptionalLong.of(checkpoint.getUpdatedAt()), head))
                    .orElseGet(() -> LagReport.SourceLag.withoutCheckpoint(sourceId, head)));
        }
        LagReport report = new LagReport(partitions, sources);
        System.out.print(json ? report.json() + System.lineSeparator() : report.table());
    }

    private List<String> groupIds(Admin admin) {
        if (groups != null && !groups.isEmpty()) {
            return groups;
        }
        return new ArrayList<>(new TreeSet<>(await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
                .map(GroupListing::groupId).toList()));
    }

    private static List<LagReport.PartitionLag> groupLag(Admin admin, String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        if (committed.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        // the end a read_committed consumer can reach is the last stable offset, not the high watermark
        var ends = await(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
        Map<TopicPartition, OptionalLong> offsets = new HashMap<>();
        committed.forEach((tp, meta) -> offsets.put(tp, meta == null ? OptionalLong.empty() : OptionalLong.of(meta.offset())));
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        ends.forEach((tp, info) -> endOffsets.put(tp, info.offset()));
        return LagReport.partitionLags(group, offsets, endOffsets);
    }

    private Optional<String> headUrl() {
        if (rpcUrl != null) {
            return ChainHead.httpUrl(rpcUrl);
        }
        var fromEnv = ChainHead.httpUrl(System.getenv("BASE_RPC_URL"));
        return fromEnv.isPresent() ? fromEnv : KafkaOptions.devState().flatMap(dev -> ChainHead.httpUrl(dev.rpcUrl()));
    }

    /** Every source id that ever wrote a checkpoint (keys of the compacted checkpoint topic). */
    private static List<String> sourceIds(String servers, Topics topics) {
        TreeSet<String> ids = new TreeSet<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topics.checkpoints().name(), TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.key() != null) {
                        ids.add(record.key());
                    }
                });
            }
        }
        return List.copyOf(ids);
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
