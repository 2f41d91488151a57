package io.chainpulse.ingest.stellar;

import io.chainpulse.ingest.source.Pacer;
import io.chainpulse.ingest.source.SourceRunner;
import io.chainpulse.ingest.source.SourceStart;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The Soroban ingest service: loads the saved cursor, then follows the StellarStream contracts' events on its own
 * thread until closed.
 */
public final class StellarIngestApp implements AutoCloseable {
    private final SourceRunner runner;
    private final PrometheusMeterRegistry registry;
    private final StellarIngestMetrics metrics;

    private StellarIngestApp(SourceRunner runner, PrometheusMeterRegistry registry, StellarIngestMetrics metrics) {
        this.runner = runner;
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Publishes to the topics and with the layout the config names. */
    public static StellarIngestApp create(StellarIngestConfig config) {
        return create(config, config.kafka().topics(), config.kafka().layout());
    }

    public static StellarIngestApp create(StellarIngestConfig config, Topics topics, TopicLayout layout) {
        SourceStart start = SourceStart.open(config.kafkaBootstrapServers(), topics, layout, config.sourceId());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StellarIngestMetrics metrics = new StellarIngestMetrics(registry);
        SorobanEventFollower follower = new SorobanEventFollower(config, start.publisher(), metrics, start.checkpoint());
        SourceRunner runner = new SourceRunner("Soroban ingest", "soroban-ingest", follower, new Pacer(),
                config.pollIntervalMs(), List.<AutoCloseable>of(start.publisher(), registry::close));
        return new StellarIngestApp(runner, registry, metrics);
    }

    public StellarIngestApp start() {
        runner.start();
        return this;
    }

    public StellarIngestMetrics metrics() {
        return metrics;
    }

    /** For /health: false once the saved cursor was found outside the RPC's retention window (events were lost). */
    public boolean cursorWithinRetention() {
        return !metrics.retentionGapDetected();
    }

    /** True once another ingest of this source took over; this one publishes nothing more. */
    public boolean fenced() {
        return runner.fenced();
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Finishes the current page (its cursor is committed with its records) and stops. */
    @Override
    public void close() {
        runner.close();
    }
}
