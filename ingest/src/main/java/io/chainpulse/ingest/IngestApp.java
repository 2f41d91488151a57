package io.chainpulse.ingest;

import io.chainpulse.ingest.evm.BackfillProgress;
import io.chainpulse.ingest.evm.EvmLogFollower;
import io.chainpulse.ingest.evm.IngestMetrics;
import io.chainpulse.ingest.source.Pacer;
import io.chainpulse.ingest.source.SourceRunner;
import io.chainpulse.ingest.source.SourceStart;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/** The EVM ingest service: loads the checkpoint, then follows the chain on its own thread until closed. */
public final class IngestApp implements AutoCloseable {
    private final SourceRunner runner;
    private final PrometheusMeterRegistry registry;
    private final IngestMetrics metrics;

    private IngestApp(SourceRunner runner, PrometheusMeterRegistry registry, IngestMetrics metrics) {
        this.runner = runner;
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Publishes to the topics and with the layout the config names. */
    public static IngestApp create(IngestConfig config, BackfillProgress progress) {
        return create(config, config.kafka().topics(), config.kafka().layout(), progress);
    }

    public static IngestApp create(IngestConfig config, Topics topics, TopicLayout layout, BackfillProgress progress) {
        SourceStart start = SourceStart.open(config.kafkaBootstrapServers(), topics, layout, config.sourceId());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry);
        Pacer pacer = new Pacer();
        EvmLogFollower follower = new EvmLogFollower(config, start.publisher(), metrics, start.checkpoint(), progress, pacer);
        SourceRunner runner = new SourceRunner("EVM ingest", "evm-ingest", follower, pacer, config.pollIntervalMs(),
                List.<AutoCloseable>of(start.publisher(), registry::close));
        return new IngestApp(runner, registry, metrics);
    }

    public IngestApp start() {
        runner.start();
        return this;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** True once another ingest of this source took over; this one publishes nothing more. */
    public boolean fenced() {
        return runner.fenced();
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Finishes the current step (its checkpoint is committed with its records) and stops. */
    @Override
    public void close() {
        runner.close();
    }
}
