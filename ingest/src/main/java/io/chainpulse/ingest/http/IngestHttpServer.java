package io.chainpulse.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chainpulse.ingest.IngestApp;
import io.chainpulse.ingest.evm.IngestMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's operations port: {@code /metrics} (Prometheus text) and {@code /health} (JSON: connected endpoint, chain
 * head, last published block, blocks behind; 503 while no endpoint is connected). One thread answers; it only reads
 * the metrics' atomics and the registry, which are thread-safe.
 */
public final class IngestHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private IngestHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** INGEST_HTTP_PORT: 0..65535, default 3002 (0 = any free port). */
    public static int portFromEnv(Map<String, String> env) {
        String value = env.getOrDefault("INGEST_HTTP_PORT", "3002").trim();
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("INGEST_HTTP_PORT must be between 0 and 65535, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("INGEST_HTTP_PORT must be a whole number, was " + value, e);
        }
    }

    public static IngestHttpServer start(int port, IngestApp app) {
        return start(port, app::scrape, app.metrics());
    }

    static IngestHttpServer start(int port, Supplier<String> scrape, IngestMetrics metrics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("ingest-http").daemon(true).factory());
            server.setExecutor(executor);
            server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
            server.createContext("/health", exchange -> {
                ObjectNode body = health(metrics);
                respond(exchange, "UP".equals(body.get("status").asText()) ? 200 : 503, "application/json", body.toString());
            });
            server.start();
            log.info("ingest /metrics and /health on port {}", server.getAddress().getPort());
            return new IngestHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on INGEST_HTTP_PORT " + port, e);
        }
    }

    static ObjectNode health(IngestMetrics metrics) {
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
        return body;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Like {@code start}, but a port that is taken costs only the operations endpoints, not the pipeline: a WARN
     * names INGEST_HTTP_PORT and the app runs on without them.
     */
    public static java.util.Optional<IngestHttpServer> tryStart(int port, IngestApp app) {
        try {
            return java.util.Optional.of(start(port, app));
        } catch (UncheckedIOException e) {
            log.warn("INGEST_HTTP_PORT {} cannot be bound ({}); running without /metrics and /health", port, e.getCause().toString());
            return java.util.Optional.empty();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
