package io.chainpulse.ingest.stellar;

import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.ingest.evm.RawKeys;
import io.chainpulse.ingest.publish.RawEventPublisher;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Soroban ingest service: loads the saved cursor, then follows the StellarStream contracts' events on its own
 * thread until closed.
 */
public final class StellarIngestApp implements AutoCloseable {
    private final SorobanEventFollower follower;
    private final RawEventPublisher publisher;
    private final PrometheusMeterRegistry registry;
    private final StellarIngestMetrics metrics;
    private final Thread thread;

    private StellarIngestApp(SorobanEventFollower follower, RawEventPublisher publisher, PrometheusMeterRegistry registry,
            StellarIngestMetrics metrics) {
        this.follower = follower;
        this.publisher = publisher;
        this.registry = registry;
        this.metrics = metrics;
        this.thread = Thread.ofPlatform().name("soroban-ingest").unstarted(follower);
    }

    public static StellarIngestApp create(StellarIngestConfig config, Topics topics, TopicLayout layout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers()))) {
            layout.ensureTopics(admin, topics);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StellarIngestMetrics metrics = new StellarIngestMetrics(registry);
        RawEventPublisher publisher = new RawEventPublisher(config.kafkaBootstrapServers(),
                "chainpulse-ingest-" + config.sourceId(), topics, RawKeys::of);
        var checkpoint = CheckpointReader.latest(config.kafkaBootstrapServers(), topics, config.sourceId());
        SorobanEventFollower follower = new SorobanEventFollower(config, publisher, metrics, checkpoint);
        return new StellarIngestApp(follower, publisher, registry, metrics);
    }

    public StellarIngestApp start() {
        thread.start();
        return this;
    }

    public StellarIngestMetrics metrics() {
        return metrics;
    }

    /** For /health: false once the saved cursor was found outside the RPC's retention window (events were lost). */
    public boolean cursorWithinRetention() {
        return !metrics.retentionGapDetected();
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Finishes the current page (its cursor is committed with its records) and stops. */
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
