package io.chainpulse.ingest.stellar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What operators watch on Soroban ingest: the RPC's ledger range, the last published ledger, events published,
 * RPC failures, and whether the saved cursor ever fell out of the RPC's retention window (events were lost).
 */
public final class StellarIngestMetrics {
    final AtomicLong latestLedger = new AtomicLong(-1);
    final AtomicLong oldestLedger = new AtomicLong(-1);
    final AtomicLong lastPublishedLedger = new AtomicLong(-1);
    final AtomicLong ledgersSkipped = new AtomicLong();
    private final AtomicBoolean retentionGap = new AtomicBoolean();
    final Counter eventsPublished;
    final Counter failedCallEventsSkipped;
    final Counter rpcFailures;
    final Counter retentionGaps;

    public StellarIngestMetrics(MeterRegistry registry) {
        Gauge.builder("chainpulse_soroban_latest_ledger", latestLedger, AtomicLong::get).register(registry);
        Gauge.builder("chainpulse_soroban_oldest_ledger", oldestLedger, AtomicLong::get).register(registry);
        Gauge.builder("chainpulse_soroban_last_published_ledger", lastPublishedLedger, AtomicLong::get).register(registry);
        Gauge.builder("chainpulse_soroban_ledgers_behind", this, StellarIngestMetrics::ledgersBehind).register(registry);
        Gauge.builder("chainpulse_soroban_ledgers_skipped", ledgersSkipped, AtomicLong::get)
                .description("ledgers lost because the saved cursor fell out of the RPC retention window")
                .register(registry);
        Gauge.builder("chainpulse_soroban_retention_gap", retentionGap, gap -> gap.get() ? 1 : 0)
                .description("1 once the saved cursor was found outside the RPC retention window")
                .register(registry);
        eventsPublished = Counter.builder("chainpulse_soroban_events_published").register(registry);
        failedCallEventsSkipped = Counter.builder("chainpulse_soroban_failed_call_events_skipped").register(registry);
        rpcFailures = Counter.builder("chainpulse_soroban_rpc_failures").register(registry);
        retentionGaps = Counter.builder("chainpulse_soroban_retention_gaps").register(registry);
    }

    void retentionGap(long skipped) {
        retentionGap.set(true);
        retentionGaps.increment();
        ledgersSkipped.addAndGet(skipped);
    }

    /** True once ingest had to skip ledgers because its cursor was older than the RPC's oldest ledger. */
    public boolean retentionGapDetected() {
        return retentionGap.get();
    }

    public long ledgersSkipped() {
        return ledgersSkipped.get();
    }

    public long latestLedger() {
        return latestLedger.get();
    }

    public long oldestLedger() {
        return oldestLedger.get();
    }

    public long lastPublishedLedger() {
        return lastPublishedLedger.get();
    }

    public double eventsPublished() {
        return eventsPublished.count();
    }

    public double rpcFailures() {
        return rpcFailures.count();
    }

    public double ledgersBehind() {
        long latest = latestLedger.get();
        long last = lastPublishedLedger.get();
        return latest < 0 || last < 0 ? 0 : Math.max(0, latest - last);
    }
}
