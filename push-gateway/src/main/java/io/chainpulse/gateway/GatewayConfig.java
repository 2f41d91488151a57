package io.chainpulse.gateway;

import io.chainpulse.gateway.auth.JwtSettings;
import io.chainpulse.gateway.session.SessionLimits;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.settings.EnvReader;
import io.chainpulse.store.DatabaseSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The push gateway's settings, read once from the environment with {@link EnvReader}: every number is range-checked
 * and every error names its variable.
 *
 * @param port GATEWAY_PORT, else PORT (as the original StellarStream backend), else 3001: HTTP and WebSocket port
 *     (0 = any free port)
 * @param kafkaBootstrapServers KAFKA_BOOTSTRAP_SERVERS
 * @param topicPrefix TOPIC_PREFIX: prefix of the topic names, see {@code Topics.withPrefix}
 * @param database DATABASE_URL, DATABASE_SCHEMA, DATABASE_POOL_SIZE (see {@link DatabaseSettings})
 * @param allowedOrigins FRONTEND_URL: comma-separated browser origins allowed to open sockets and to read the HTTP
 *     routes; unset = none but the gateway's own pages (clients that send no Origin, such as OBS, native apps and
 *     CLIs, are always let in)
 * @param anyOrigin FRONTEND_URL={@code *}: any origin, an explicit opt-in (answered without credentials)
 * @param pingInterval WS_PING_INTERVAL_MS: how often each socket is pinged
 * @param pongTimeout WS_PONG_TIMEOUT_MS: a socket that answers no ping within this is closed with 1001
 * @param maxQueuedBytes WS_MAX_QUEUED_BYTES: outbound bytes a client may leave unread (waiting or in flight while
 *     it has not taken what was written) before it is closed with 1013
 * @param writerThreads WS_WRITER_THREADS: threads that write frames to tip sockets (default: half the cores, at least
 *     one: on 2 cores one writer delivered 188,711 frames/s to 10,000 sockets where two delivered 161,438, since the
 *     consumer, the writers and the kernel's loopback work share the cores and every hand-over to a parked writer is
 *     a wake-up)
 * @param maxInboundBytes WS_MAX_INBOUND_BYTES: largest client message accepted (larger closes with 1009); Jetty holds
 *     the gateway's own frames to it too, so it is also the size of BATCH frames, and at least {@value
 *     #MIN_FRAME_BYTES} so that any one event fits
 * @param connectionsPerIpPerMinute WS_CONNECTIONS_PER_IP_PER_MINUTE: new sockets one IP may open per minute
 * @param httpRequestsPerIpPerMinute HTTP_REQUESTS_PER_IP_PER_MINUTE: REST requests one IP may make per minute (more
 *     are answered 429 with Retry-After)
 * @param replayBufferPerCreator REPLAY_BUFFER_PER_CREATOR: recent events kept in memory per creator for replay
 * @param replayWarmRecordsPerPartition REPLAY_WARM_RECORDS_PER_PARTITION: at start, the live consumer reads up to this
 *     many of the latest records of each partition into memory before the port opens (0 = start at the end)
 * @param replayScanGather REPLAY_SCAN_GATHER_MS: how long a Kafka catch-up scan of a partition waits for more
 *     reconnecting clients to share it before it starts
 * @param jwt JWT_SECRET, JWT_MAX_TTL, JWT_AUDIENCE, JWT_ISSUER: what streamer tokens must be; without JWT_SECRET the
 *     streamer channel refuses everyone
 * @param revocationCheckInterval TOKEN_REVOCATION_CHECK_MS: how often revoked overlay tokens are looked for
 * @param socketIo the Socket.IO endpoint's settings
 */
public record GatewayConfig(
        int port,
        String kafkaBootstrapServers,
        String topicPrefix,
        DatabaseSettings database,
        List<String> allowedOrigins,
        boolean anyOrigin,
        Duration pingInterval,
        Duration pongTimeout,
        long maxQueuedBytes,
        int writerThreads,
        int maxInboundBytes,
        int connectionsPerIpPerMinute,
        int httpRequestsPerIpPerMinute,
        int replayBufferPerCreator,
        long replayWarmRecordsPerPartition,
        Duration replayScanGather,
        Optional<JwtSettings> jwt,
        Duration revocationCheckInterval,
        SocketIo socketIo) {
    /** The smallest WS_MAX_INBOUND_BYTES: a frame limit both ways must leave room for the largest single event. */
    static final int MIN_FRAME_BYTES = 4096;
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MILLION = 1_000_000;

    /**
     * @param pingInterval SOCKETIO_PING_INTERVAL_MS: how often each Socket.IO session is pinged (below Jetty's 30 s
     *     idle timeout, since a long poll carries nothing else)
     * @param pingTimeout SOCKETIO_PING_TIMEOUT_MS: a session whose pong is later than this is closed
     * @param replayBufferPerAddress STREAM_REPLAY_BUFFER_PER_ADDRESS: recent stream events kept in memory per address
     * @param maxRoomsPerSocket SOCKETIO_MAX_ROOMS_PER_SOCKET: the stream rooms one Socket.IO client may be in at once
     */
    public record SocketIo(Duration pingInterval, Duration pingTimeout, int replayBufferPerAddress,
            int maxRoomsPerSocket) {
        public SocketIo {
            if (pingInterval.toMillis() < 100 || pingInterval.toMillis() > 29_000) {
                throw new IllegalArgumentException(
                        "SOCKETIO_PING_INTERVAL_MS must be between 100 and 29000, was " + pingInterval.toMillis());
            }
            if (pingTimeout.toMillis() < 100) {
                throw new IllegalArgumentException("SOCKETIO_PING_TIMEOUT_MS must be >= 100, was " + pingTimeout.toMillis());
            }
            if (replayBufferPerAddress < 1) {
                throw new IllegalArgumentException(
                        "STREAM_REPLAY_BUFFER_PER_ADDRESS must be >= 1, was " + replayBufferPerAddress);
            }
        }
    }

    public GatewayConfig {
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must not be empty");
        }
        if (topicPrefix == null || !topicPrefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("TOPIC_PREFIX must match [a-zA-Z0-9._-]+, was " + topicPrefix);
        }
        for (String origin : allowedOrigins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException(
                        "FRONTEND_URL entries must be origins like https://example.com (no path), was " + origin);
            }
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static GatewayConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        List<String> origins = reader.list("FRONTEND_URL");
        boolean anyOrigin = origins.contains("*");
        return new GatewayConfig(
                port(reader),
                reader.text("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                reader.text("TOPIC_PREFIX", Topics.DEFAULT_PREFIX),
                DatabaseSettings.fromEnv(env),
                anyOrigin ? List.of() : origins.stream().map(GatewayConfig::withoutTrailingSlash).toList(),
                anyOrigin,
                reader.millis("WS_PING_INTERVAL_MS", Duration.ofSeconds(30), Duration.ofMillis(100), HOUR),
                reader.millis("WS_PONG_TIMEOUT_MS", Duration.ofSeconds(10), Duration.ofMillis(100), HOUR),
                reader.longValue("WS_MAX_QUEUED_BYTES", 1024 * 1024, 1024, 1L << 30),
                reader.intValue("WS_WRITER_THREADS", defaultWriterThreads(), 1, 64),
                reader.intValue("WS_MAX_INBOUND_BYTES", 64 * 1024, MIN_FRAME_BYTES, MAX_FRAME_BYTES),
                reader.intValue("WS_CONNECTIONS_PER_IP_PER_MINUTE", 120, 1, MILLION),
                reader.intValue("HTTP_REQUESTS_PER_IP_PER_MINUTE", 600, 1, MILLION),
                reader.intValue("REPLAY_BUFFER_PER_CREATOR", 1000, 1, MILLION),
                reader.longValue("REPLAY_WARM_RECORDS_PER_PARTITION", 50_000, 0, 10L * MILLION),
                reader.millis("REPLAY_SCAN_GATHER_MS", Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(10)),
                JwtSettings.fromEnv(reader),
                reader.millis("TOKEN_REVOCATION_CHECK_MS", Duration.ofSeconds(2), Duration.ofMillis(100), HOUR),
                new SocketIo(
                        reader.millis("SOCKETIO_PING_INTERVAL_MS", Duration.ofSeconds(25), Duration.ofMillis(100),
                                Duration.ofSeconds(29)),
                        reader.millis("SOCKETIO_PING_TIMEOUT_MS", Duration.ofSeconds(20), Duration.ofMillis(100), HOUR),
                        reader.intValue("STREAM_REPLAY_BUFFER_PER_ADDRESS", 100, 1, MILLION),
                        reader.intValue("SOCKETIO_MAX_ROOMS_PER_SOCKET", 50, 1, 10_000)));
    }

    /** GATEWAY_PORT when set; else PORT, which the original StellarStream backend listened on; else 3001. */
    private static int port(EnvReader reader) {
        String name = reader.optional("GATEWAY_PORT").isPresent() || reader.optional("PORT").isEmpty()
                ? "GATEWAY_PORT" : "PORT";
        return reader.intValue(name, 3001, 0, 65_535);
    }

    /** The typed topics named with {@link #topicPrefix}. */
    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** What every tip socket may take. */
    public SessionLimits sessionLimits() {
        return new SessionLimits(pingInterval, pongTimeout, maxQueuedBytes, maxInboundBytes);
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    private static int defaultWriterThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
