package io.chainpulse.ingest.evm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What operators watch on ingest: chain head, last published block, lag behind the head, reconnects. */
public final class IngestMetrics {
    final AtomicLong chainHead = new AtomicLong(-1);
    final AtomicLong lastPublishedBlock = new AtomicLong(-1);
    final AtomicLong backfillTarget = new AtomicLong(-1);
    final AtomicReference<String> connectedEndpoint = new AtomicReference<>();
    final Counter reconnects;
    final Counter providerFailovers;
    final Counter logsPublished;
    final Counter reorgs;
    final Counter rangeShrinks;

    public IngestMetrics(MeterRegistry registry) {
        Gauge.builder("chainpulse_ingest_chain_head", chainHead, AtomicLong::get).register(registry);
        Gauge.builder("chainpulse_ingest_last_published_block", lastPublishedBlock, AtomicLong::get).register(registry);
        Gauge.builder("chainpulse_ingest_blocks_behind", this, IngestMetrics::blocksBehind).register(registry);
        Gauge.builder("chainpulse_ingest_backfill_progress_ratio", this, IngestMetrics::backfillProgress).register(registry);
        reconnects = Counter.builder("chainpulse_ingest_reconnects").register(registry);
        providerFailovers = Counter.builder("chainpulse_ingest_provider_failovers").register(registry);
        logsPublished = Counter.builder("chainpulse_ingest_logs_published").register(registry);
        reorgs = Counter.builder("chainpulse_ingest_reorgs").register(registry);
        rangeShrinks = Counter.builder("chainpulse_ingest_range_shrinks").register(registry);
    }

    public double reconnects() {
        return reconnects.count();
    }

    public double rangeShrinks() {
        return rangeShrinks.count();
    }

    public long chainHead() {
        return chainHead.get();
    }

    /** The endpoint ingest is connected to (credentials redacted), or empty between failovers. */
    public Optional<String> connectedEndpoint() {
        return Optional.ofNullable(connectedEndpoint.get());
    }

    public long lastPublishedBlock() {
        return lastPublishedBlock.get();
    }

    public double blocksBehind() {
        long head = chainHead.get();
        long last = lastPublishedBlock.get();
        return head < 0 || last < 0 ? 0 : Math.max(0, head - last);
    }

    double backfillProgress() {
        long target = backfillTarget.get();
        long last = lastPublishedBlock.get();
        return target <= 0 ? 1.0 : Math.min(1.0, (double) Math.max(last, 0) / target);
    }
}
