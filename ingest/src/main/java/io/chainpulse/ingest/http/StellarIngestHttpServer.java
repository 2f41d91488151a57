package io.chainpulse.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.ingest.stellar.StellarIngestApp;
import io.chainpulse.ingest.stellar.StellarIngestConfig;
import io.chainpulse.ingest.stellar.StellarIngestMetrics;
import io.chainpulse.schemas.ops.OpsHttpServer;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Soroban ingest's operations port ({@link OpsHttpServer}) on STELLAR_INGEST_HTTP_PORT: {@code /health} says the
 * RPC's ledger range, the last published ledger and ledgers behind; 503 until the RPC answered once, after the
 * saved cursor fell out of the RPC's retention window (events were lost), and once another ingest took over.
 */
public final class StellarIngestHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIABLE = StellarIngestConfig.HTTP_PORT;

    private final OpsHttpServer server;

    private StellarIngestHttpServer(OpsHttpServer server) {
        this.server = server;
    }

    /** Like {@link OpsHttpServer#start}, but a taken port only costs the endpoints (a WARN names the variable). */
    public static Optional<StellarIngestHttpServer> tryStart(int port, StellarIngestApp app) {
        return OpsHttpServer.tryStart("stellar-ingest", VARIABLE, port, app::scrape,
                        () -> health(app.metrics(), app::fenced))
                .map(StellarIngestHttpServer::new);
    }

    static StellarIngestHttpServer start(int port, Supplier<String> scrape, StellarIngestMetrics metrics,
            BooleanSupplier fenced) {
        return new StellarIngestHttpServer(OpsHttpServer.start("stellar-ingest", VARIABLE, port, scrape,
                () -> health(metrics, fenced)));
    }

    static OpsHttpServer.Health health(StellarIngestMetrics metrics, BooleanSupplier fenced) {
        boolean reached = metrics.latestLedger() >= 0;
        boolean withinRetention = !metrics.retentionGapDetected();
        boolean up = reached && withinRetention && !fenced.getAsBoolean();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        body.put("latestLedger", metrics.latestLedger());
        body.put("oldestLedger", metrics.oldestLedger());
        body.put("lastPublishedLedger", metrics.lastPublishedLedger());
        body.put("ledgersBehind", (long) metrics.ledgersBehind());
        body.put("cursorWithinRetention", withinRetention);
        body.put("ledgersSkipped", metrics.ledgersSkipped());
        body.put("fenced", fenced.getAsBoolean());
        return new OpsHttpServer.Health(up, body.toString());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
