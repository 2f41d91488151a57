package io.chainpulse.processor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chainpulse.processor.ProcessorApp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's operations port: {@code /metrics} (Prometheus text) and {@code /health} (JSON: Kafka Streams
 * state, PostgreSQL reachable; 503 unless the streams run or rebalance and PostgreSQL answers). One thread answers;
 * the streams state, the registry and the connection pool are thread-safe.
 */
public final class ProcessorHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessorHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private ProcessorHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** PROCESSOR_HTTP_PORT: 0..65535, default 3003 (0 = any free port). */
    public static int portFromEnv(Map<String, String> env) {
        String value = env.getOrDefault("PROCESSOR_HTTP_PORT", "3003").trim();
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("PROCESSOR_HTTP_PORT must be between 0 and 65535, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PROCESSOR_HTTP_PORT must be a whole number, was " + value, e);
        }
    }

    public static ProcessorHttpServer start(int port, ProcessorApp app, BooleanSupplier databaseReachable) {
        return start(port, app::scrape, app::state, databaseReachable);
    }

    static ProcessorHttpServer start(int port, Supplier<String> scrape, Supplier<KafkaStreams.State> state,
            BooleanSupplier databaseReachable) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("processor-http").daemon(true).factory());
            server.setExecutor(executor);
            server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
            server.createContext("/health", exchange -> {
                KafkaStreams.State now = state.get();
                boolean database = databaseReachable.getAsBoolean();
                boolean up = database && (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.REBALANCING);
                respond(exchange, up ? 200 : 503, "application/json", health(up, now, database));
            });
            server.start();
            log.info("processor /metrics and /health on port {}", server.getAddress().getPort());
            return new ProcessorHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on PROCESSOR_HTTP_PORT " + port, e);
        }
    }

    static String health(boolean up, KafkaStreams.State state, boolean databaseReachable) {
        return "{\"status\":\"%s\",\"streamsState\":\"%s\",\"postgresqlReachable\":%b}"
                .formatted(up ? "UP" : "DOWN", state, databaseReachable);
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
     * names PROCESSOR_HTTP_PORT and the app runs on without them.
     */
    public static java.util.Optional<ProcessorHttpServer> tryStart(int port, ProcessorApp app, BooleanSupplier databaseReachable) {
        try {
            return java.util.Optional.of(start(port, app, databaseReachable));
        } catch (UncheckedIOException e) {
            log.warn("PROCESSOR_HTTP_PORT {} cannot be bound ({}); running without /metrics and /health", port, e.getCause().toString());
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
