package io.chainpulse.ingest;

import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.ingest.evm.BackfillProgress;
import io.chainpulse.ingest.evm.EvmLogFollower;
import io.chainpulse.ingest.evm.IngestMetrics;
import io.chainpulse.ingest.publish.RawEventPublisher;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The EVM ingest service: loads the checkpoint, then follows the chain on its own thread until closed. */
public final class IngestApp implements AutoCloseable {
    private final EvmLogFollower follower;
    private final RawEventPublisher publisher;
    private final PrometheusMeterRegistry registry;
    private final IngestMetrics metrics;
    private final Thread thread;

    private IngestApp(EvmLogFollower follower, RawEventPublisher publisher, PrometheusMeterRegistry registry,
            IngestMetrics metrics) {
        this.follower = follower;
        this.publisher = publisher;
        this.registry = registry;
        this.metrics = metrics;
        this.thread = Thread.ofPlatform().name("evm-ingest").unstarted(follower);
    }

    public static IngestApp create(IngestConfig config, Topics topics, TopicLayout layout, BackfillProgress progress) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers()))) {
            layout.ensureTopics(admin, topics);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry);
        RawEventPublisher publisher = new RawEventPublisher(config.kafkaBootstrapServers(),
                "chainpulse-ingest-" + config.sourceId(), topics, io.chainpulse.ingest.evm.RawKeys::of);
        var checkpoint = CheckpointReader.latest(config.kafkaBootstrapServers(), topics, config.sourceId());
        EvmLogFollower follower = new EvmLogFollower(config, publisher, metrics, checkpoint, progress);
        return new IngestApp(follower, publisher, registry, metrics);
    }

    public IngestApp start() {
        thread.start();
        return this;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Finishes the current step (its checkpoint is committed with its records) and stops. */
    @Override
    public void close() {
        follower.stop();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        registry.close();
    }
}
