package io.chainpulse.ingest.stellar;

import io.chainpulse.ingest.publish.RawEventPublisher;
import io.chainpulse.ingest.source.SourceFollower;
import io.chainpulse.ingest.stellar.SorobanRpc.Position;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellar.sdk.Network;

/**
 * Reads the contracts' events page by page with getEvents, each page after the cursor of the one before, and
 * publishes each page with the advanced cursor in one Kafka transaction, so a ledger with more events than a
 * page is read whole and a restart resumes exactly after the last published event. A cursor older than the
 * RPC's retention window is reported loudly and ingest continues from the oldest ledger the RPC still holds.
 * Failures back off with jitter (in {@code SourceRunner}) and fail over to the next endpoint, forever. Runs on one
 * thread.
 */
final class SorobanEventFollower implements SourceFollower {
    private static final Logger log = LoggerFactory.getLogger(SorobanEventFollower.class);

    private final StellarIngestConfig config;
    private final RawEventPublisher publisher;
    private final StellarIngestMetrics metrics;
    private final Optional<IngestCheckpoint> savedCheckpoint;
    private final SorobanRpc rpc;
    private SorobanEventMapper mapper;
    private Position position;
    private boolean caughtUp;

    SorobanEventFollower(StellarIngestConfig config, RawEventPublisher publisher, StellarIngestMetrics metrics,
            Optional<IngestCheckpoint> savedCheckpoint) {
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        this.savedCheckpoint = savedCheckpoint;
        this.rpc = new SorobanRpc(config.rpcUrls());
    }

    @Override
    public boolean step() throws IOException {
        if (mapper == null) {
            start();
        }
        return readPage();
    }

    @Override
    public void failed(Exception failure, long retryInMillis) {
        metrics.rpcFailures.increment();
        log.warn("Soroban ingest step failed at {} ({}); retrying in {} ms on the next endpoint", rpc.currentUrl(),
                rpc.explain(failure), retryInMillis);
        rpc.failover();
    }

    @Override
    public String position() {
        return "ledger " + metrics.lastPublishedLedger();
    }

    @Override
    public void disconnect() {
        // each getEvents is its own HTTP request: nothing stays open between steps
    }

    private void start() throws IOException {
        String passphrase = rpc.networkPassphrase();
        String chainId = HexFormat.of().formatHex(new Network(passphrase).getNetworkId());
        Optional<String> cursor = savedCheckpoint.map(IngestCheckpoint::getCursor);
        if (cursor.isPresent()) {
            position = new Position.AfterCursor(cursor.get());
            metrics.lastPublishedLedger.set(position.ledger());
            log.info("resuming Soroban ingest on \"{}\" after cursor {} (ledger {})", passphrase, cursor.get(),
                    position.ledger());
        } else {
            long first = config.startLedger().isPresent() ? config.startLedger().getAsLong() : rpc.health().latestLedger();
            position = new Position.FromLedger(first);
            log.info("first start of Soroban ingest on \"{}\": from ledger {} (SOROBAN_START_LEDGER={})", passphrase,
                    first, config.startLedger().isPresent() ? first : "latest");
        }
        mapper = new SorobanEventMapper(chainId);
    }

    /** Reads and publishes one page; true when the page was full, so more events are waiting. */
    private boolean readPage() throws IOException {
        EventsPage page;
        try {
            page = rpc.getEvents(config.contractIds(), position, config.pageLimit());
        } catch (SorobanRpc.SorobanRpcError e) {
            if (e.isInvalidRequest() && skippedPastRetention()) {
                return true;
            }
            throw e;
        }
        metrics.latestLedger.set(page.latestLedger());
        metrics.oldestLedger.set(page.oldestLedger());
        List<RawChainEvent> events = new ArrayList<>(page.events().size());
        for (RpcEvent event : page.events()) {
            if (event.fromSuccessfulCall()) {
                events.add(mapper.toRaw(event));
            } else {
                metrics.failedCallEventsSkipped.increment();
            }
        }
        Position next = new Position.AfterCursor(page.cursor());
        if (!next.equals(position)) {
            publisher.publish(events, checkpoint(page.cursor(), next.ledger()));
            metrics.eventsPublished.increment(events.size());
            metrics.lastPublishedLedger.set(next.ledger());
            position = next;
        }
        boolean full = page.events().size() >= config.pageLimit();
        if (!full && !caughtUp) {
            caughtUp = true;
            log.info("Soroban ingest caught up to ledger {}; polling every {} ms", next.ledger(), config.pollIntervalMs());
        } else if (full) {
            caughtUp = false;
        }
        return full;
    }

    /**
     * After the RPC refused the position: when the position is older than the RPC's oldest ledger, the events in
     * between are gone from this RPC. Says so loudly, counts it, and moves on to the oldest ledger available.
     */
    private boolean skippedPastRetention() throws IOException {
        SorobanRpc.LedgerRange range = rpc.health();
        metrics.latestLedger.set(range.latestLedger());
        metrics.oldestLedger.set(range.oldestLedger());
        long from = position.ledger();
        if (from >= range.oldestLedger()) {
            return false;
        }
        long skipped = range.oldestLedger() - from;
        metrics.retentionGap(skipped);
        log.warn("SOROBAN CURSOR OUT OF RETENTION: ingest was at ledger {} but {} keeps only ledgers {} to {}; "
                        + "events of {} ledger(s) were never read and are lost to ChainPulse. Continuing from ledger {}. "
                        + "Backfill them from an archive RPC or a longer-retention provider.",
                from, rpc.currentUrl(), range.oldestLedger(), range.latestLedger(), skipped, range.oldestLedger());
        position = new Position.FromLedger(range.oldestLedger());
        return true;
    }

    private IngestCheckpoint checkpoint(String cursor, long ledger) {
        return IngestCheckpoint.newBuilder()
                .setSourceId(config.sourceId())
                .setBlockNumber(ledger)
                .setBlockHash("")
                .setCursor(cursor)
                .setRecentBlocks(List.of())
                .setUpdatedAt(System.currentTimeMillis())
                .build();
    }
}
