package io.chainpulse.ingest.source;

import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.ingest.evm.RawKeys;
import io.chainpulse.ingest.publish.RawEventPublisher;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What a source needs from Kafka before its first step: its topics (created when missing), a transactional
 * publisher whose id fences an older ingest of the same source, and the source's last committed checkpoint.
 */
public record SourceStart(RawEventPublisher publisher, Optional<IngestCheckpoint> checkpoint) {

    public static SourceStart open(String bootstrapServers, Topics topics, TopicLayout layout, String sourceId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            layout.ensureTopics(admin, topics);
        }
        // the publisher comes first: initTransactions fences an older ingest of this source and completes or aborts
        // its open transaction, so the checkpoint read next is the last one that will ever be committed
        RawEventPublisher publisher = new RawEventPublisher(bootstrapServers, "chainpulse-ingest-" + sourceId, topics,
                RawKeys::of);
        return new SourceStart(publisher, CheckpointReader.latest(bootstrapServers, topics, sourceId));
    }
}
