package io.chainpulse.schemas.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations port every app without a web server of its own serves: {@code /metrics} (Prometheus text) and
 * {@code /health} (JSON, 200 or 503). One daemon thread answers; the suppliers must be thread-safe reads.
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsHttpServer.class);

    /** A health answer: {@code up} decides 200 or 503, {@code json} is the body. */
    public record Health(boolean up, String json) {}

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** The port in {@code variable}: 0..65535 (0 = any free port), {@code fallback} when unset. */
    public static int portFromEnv(Map<String, String> env, String variable, int fallback) {
        String value = env.getOrDefault(variable, String.valueOf(fallback)).trim();
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(variable + " must be between 0 and 65535, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, was " + value, e);
        }
    }

    /** Listens on {@code port}; {@code app} names the app and {@code variable} its port setting in messages. */
    public static OpsHttpServer start(String app, String variable, int port, Supplier<String> scrape,
            Supplier<Health> health) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name(app + "-http").daemon(true).factory());
            server.setExecutor(executor);
            server.createContext("/metrics", exchange ->
                    respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
            server.createContext("/health", exchange -> {
                Health now = health.get();
                respond(exchange, now.up() ? 200 : 503, "application/json", now.json());
            });
            server.start();
            log.info("{} /metrics and /health on port {}", app, server.getAddress().getPort());
            return new OpsHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + variable + " " + port, e);
        }
    }

    /**
     * Like {@code start}, but a port that is taken costs only the operations endpoints, not the pipeline: a WARN
     * names the variable and the app runs on without them.
     */
    public static Optional<OpsHttpServer> tryStart(String app, String variable, int port, Supplier<String> scrape,
            Supplier<Health> health) {
        try {
            return Optional.of(start(app, variable, port, scrape, health));
        } catch (UncheckedIOException e) {
            log.warn("{} {} cannot be bound ({}); running without /metrics and /health", variable, port,
                    e.getCause().toString());
            return Optional.empty();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
