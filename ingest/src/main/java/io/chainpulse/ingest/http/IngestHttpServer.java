package io.chainpulse.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.ingest.IngestApp;
import io.chainpulse.ingest.IngestConfig;
import io.chainpulse.ingest.evm.IngestMetrics;
import io.chainpulse.schemas.ops.OpsHttpServer;
import io.chainpulse.schemas.settings.EnvReader;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ingest's operations port ({@link OpsHttpServer}) on INGEST_HTTP_PORT: {@code /health} says the connected
 * endpoint, chain head, last published block and blocks behind; 503 while no endpoint is connected.
 */
public final class IngestHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIABLE = IngestConfig.HTTP_PORT;

    private final OpsHttpServer server;

    private IngestHttpServer(OpsHttpServer server) {
        this.server = server;
    }

    /** INGEST_HTTP_PORT: 0..65535, default 3002 (0 = any free port). */
    public static int portFromEnv(Map<String, String> env) {
        return IngestConfig.httpPort(new EnvReader(env));
    }

    public static IngestHttpServer start(int port, IngestApp app) {
        return start(port, app::scrape, app.metrics());
    }

    static IngestHttpServer start(int port, Supplier<String> scrape, IngestMetrics metrics) {
        return new IngestHttpServer(OpsHttpServer.start("ingest", VARIABLE, port, scrape, () -> health(metrics)));
    }

    /** Like {@code start}, but a taken port only costs the endpoints (a WARN names INGEST_HTTP_PORT). */
    public static Optional<IngestHttpServer> tryStart(int port, IngestApp app) {
        return OpsHttpServer.tryStart("ingest", VARIABLE, port, app::scrape, () -> health(app.metrics()))
                .map(IngestHttpServer::new);
    }

    static OpsHttpServer.Health health(IngestMetrics metrics) {
        ObjectNode body = JSON.createObjectNode();
        var endpoint = metrics.connectedEndpoint();
        body.put("status", endpoint.isPresent() ? "UP" : "DOWN");
        if (endpoint.isPresent()) {
            body.put("endpoint", endpoint.get());
        } else {
            body.putNull("endpoint");
        }
        body.put("chainHead", metrics.chainHead());
        body.put("lastPublishedBlock", metrics.lastPublishedBlock());
        body.put("blocksBehind", (long) metrics.blocksBehind());
        return new OpsHttpServer.Health(endpoint.isPresent(), body.toString());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
