package io.chainpulse.gateway;

import io.chainpulse.schemas.settings.EnvReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Push gateway settings read from the environment; every error names its variable. Database settings are
 * read separately by {@code DatabaseSettings.fromEnv}.
 *
 * @param port GATEWAY_PORT: HTTP and WebSocket port (0 = any free port)
 * @param kafkaBootstrapServers KAFKA_BOOTSTRAP_SERVERS
 * @param topicPrefix TOPIC_PREFIX: prefix of the topic names, see {@code Topics.withPrefix}
 * @param allowedOrigins FRONTEND_URL: comma-separated browser origins allowed to open sockets; empty = any ({@code *})
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
 * @param replayBufferPerCreator REPLAY_BUFFER_PER_CREATOR: recent events kept in memory per creator for replay
 * @param replayWarmRecordsPerPartition REPLAY_WARM_RECORDS_PER_PARTITION: at start, the live consumer reads up to this
 *     many of the latest records of each partition into memory before the port opens (0 = start at the end)
 * @param replayScanGather REPLAY_SCAN_GATHER_MS: how long a Kafka catch-up scan of a partition waits for more
 *     reconnecting clients to share it before it starts
 * @param jwtSecret JWT_SECRET: HS256 key of streamer tokens; without it the streamer channel refuses everyone
 * @param revocationCheckInterval TOKEN_REVOCATION_CHECK_MS: how often revoked overlay tokens are looked for
 * @param socketIo the Socket.IO endpoint's settings
 * @param testEndpoints the test event endpoints' settings; empty unless TEST_ENDPOINTS_ENABLED=true
 */
public record GatewayConfig(
        int port,
        String kafkaBootstrapServers,
        String topicPrefix,
        List<String> allowedOrigins,
        Duration pingInterval,
        Duration pongTimeout,
        long maxQueuedBytes,
        int writerThreads,
        int maxInboundBytes,
        int connectionsPerIpPerMinute,
        int replayBufferPerCreator,
        long replayWarmRecordsPerPartition,
        Duration replayScanGather,
        Optional<String> jwtSecret,
        Duration revocationCheckInterval,
        SocketIo socketIo,
        Optional<TestEndpoints> testEndpoints) {
    /** The smallest WS_MAX_INBOUND_BYTES: a frame limit both ways must leave room for the largest single event. */
    static final int MIN_FRAME_BYTES = 4096;

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

    /**
     * What the test endpoints write into the raw topic, so that their events pass the processor's checks.
     *
     * @param stellarContractId TEST_STELLAR_CONTRACT_ID: StellarStream contract of test stream events; defaults to
     *     the first of STELLARSTREAM_CONTRACT_IDS; without one the stream endpoints answer 503
     * @param stellarNetworkId chain id of test Stellar events: hex SHA-256 of STELLAR_NETWORK_PASSPHRASE (testnet's
     *     by default), as Soroban ingest sets it
     * @param evmChainId EVM_CHAIN_ID: chain id of test Droppio tips
     * @param droppioContract DROPPIO_CONTRACT_ADDRESS: contract of test Droppio tips (the first, when several);
     *     without one the tip endpoint answers 503
     */
    public record TestEndpoints(Optional<String> stellarContractId, String stellarNetworkId, String evmChainId,
            Optional<String> droppioContract) {
        public TestEndpoints {
            if (stellarContractId.isPresent() && !stellarContractId.get().matches("C[A-Z2-7]{55}")) {
                throw new IllegalArgumentException("TEST_STELLAR_CONTRACT_ID (or the first of STELLARSTREAM_CONTRACT_IDS)"
                        + " must be a C… contract id, was " + stellarContractId.get());
            }
            if (evmChainId == null || !evmChainId.matches("\\d+")) {
                throw new IllegalArgumentException("EVM_CHAIN_ID must be a decimal chain id, was " + evmChainId);
            }
            if (droppioContract.isPresent() && !droppioContract.get().matches("0x[0-9a-f]{40}")) {
                throw new IllegalArgumentException(
                        "DROPPIO_CONTRACT_ADDRESS must be 0x + 40 hex digits, was " + droppioContract.get());
            }
        }
    }

    public GatewayConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("GATEWAY_PORT must be between 0 and 65535, was " + port);
        }
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
        if (pingInterval.toMillis() < 100) {
            throw new IllegalArgumentException("WS_PING_INTERVAL_MS must be >= 100, was " + pingInterval.toMillis());
        }
        if (pongTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("WS_PONG_TIMEOUT_MS must be >= 100, was " + pongTimeout.toMillis());
        }
        if (maxQueuedBytes < 1024) {
            throw new IllegalArgumentException("WS_MAX_QUEUED_BYTES must be >= 1024, was " + maxQueuedBytes);
        }
        if (writerThreads < 1 || writerThreads > 64) {
            throw new IllegalArgumentException("WS_WRITER_THREADS must be between 1 and 64, was " + writerThreads);
        }
        if (maxInboundBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("WS_MAX_INBOUND_BYTES must be >= " + MIN_FRAME_BYTES
                    + " (it is also the largest frame the gateway sends, and an event takes about 500 bytes), was "
                    + maxInboundBytes);
        }
        if (connectionsPerIpPerMinute < 1) {
            throw new IllegalArgumentException(
                    "WS_CONNECTIONS_PER_IP_PER_MINUTE must be >= 1, was " + connectionsPerIpPerMinute);
        }
        if (replayBufferPerCreator < 1) {
            throw new IllegalArgumentException("REPLAY_BUFFER_PER_CREATOR must be >= 1, was " + replayBufferPerCreator);
        }
        if (replayWarmRecordsPerPartition < 0) {
            throw new IllegalArgumentException(
                    "REPLAY_WARM_RECORDS_PER_PARTITION must be >= 0, was " + replayWarmRecordsPerPartition);
        }
        if (replayScanGather.isNegative() || replayScanGather.toMillis() > 10_000) {
            throw new IllegalArgumentException(
                    "REPLAY_SCAN_GATHER_MS must be between 0 and 10000, was " + replayScanGather.toMillis());
        }
        if (jwtSecret.isPresent() && jwtSecret.get().length() < 32) {
            throw new IllegalArgumentException("JWT_SECRET must be at least 32 characters for HS256, was "
                    + jwtSecret.get().length() + " characters");
        }
        if (revocationCheckInterval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "TOKEN_REVOCATION_CHECK_MS must be >= 100, was " + revocationCheckInterval.toMillis());
        }
    }

    public static GatewayConfig fromEnv(Map<String, String> env) {
        String origins = env.getOrDefault("FRONTEND_URL", "*").trim();
        String secret = env.getOrDefault("JWT_SECRET", "");
        return new GatewayConfig(
                (int) number(env, "GATEWAY_PORT", "3001"),
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("TOPIC_PREFIX", "chainpulse"),
                origins.equals("*") || origins.isEmpty() ? List.of()
                        : Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                                .map(GatewayConfig::withoutTrailingSlash).toList(),
                Duration.ofMillis(number(env, "WS_PING_INTERVAL_MS", "30000")),
                Duration.ofMillis(number(env, "WS_PONG_TIMEOUT_MS", "10000")),
                number(env, "WS_MAX_QUEUED_BYTES", String.valueOf(1024 * 1024)),
                (int) number(env, "WS_WRITER_THREADS", String.valueOf(defaultWriterThreads())),
                (int) number(env, "WS_MAX_INBOUND_BYTES", String.valueOf(64 * 1024)),
                (int) number(env, "WS_CONNECTIONS_PER_IP_PER_MINUTE", "120"),
                (int) number(env, "REPLAY_BUFFER_PER_CREATOR", "1000"),
                number(env, "REPLAY_WARM_RECORDS_PER_PARTITION", "50000"),
                Duration.ofMillis(number(env, "REPLAY_SCAN_GATHER_MS", "100")),
                secret.isBlank() ? Optional.empty() : Optional.of(secret),
                Duration.ofMillis(number(env, "TOKEN_REVOCATION_CHECK_MS", "2000")),
                new SocketIo(Duration.ofMillis(number(env, "SOCKETIO_PING_INTERVAL_MS", "25000")),
                        Duration.ofMillis(number(env, "SOCKETIO_PING_TIMEOUT_MS", "20000")),
                        (int) number(env, "STREAM_REPLAY_BUFFER_PER_ADDRESS", "100"),
                        new EnvReader(env).intValue("SOCKETIO_MAX_ROOMS_PER_SOCKET", 50, 1, 10_000)),
                testEndpoints(env));
    }

    private static String networkId(String passphrase) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(passphrase.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<TestEndpoints> testEndpoints(Map<String, String> env) {
        String enabled = env.getOrDefault("TEST_ENDPOINTS_ENABLED", "false").trim();
        if (!enabled.equals("true")) {
            if (!enabled.equals("false") && !enabled.isEmpty()) {
                throw new IllegalArgumentException("TEST_ENDPOINTS_ENABLED must be true or false, was " + enabled);
            }
            return Optional.empty();
        }
        String firstStellar = Arrays.stream(env.getOrDefault("STELLARSTREAM_CONTRACT_IDS", "").split(","))
                .map(String::trim).filter(id -> !id.isEmpty()).findFirst().orElse(null);
        String firstDroppio = Arrays.stream(env.getOrDefault("DROPPIO_CONTRACT_ADDRESS", "").split(","))
                .map(String::trim).filter(address -> !address.isEmpty()).findFirst()
                .map(address -> address.toLowerCase(java.util.Locale.ROOT)).orElse(null);
        String stellar = env.getOrDefault("TEST_STELLAR_CONTRACT_ID", firstStellar == null ? "" : firstStellar).trim();
        return Optional.of(new TestEndpoints(
                stellar.isEmpty() ? Optional.empty() : Optional.of(stellar),
                networkId(env.getOrDefault("STELLAR_NETWORK_PASSPHRASE", "Test SDF Network ; September 2015")),
                env.getOrDefault("EVM_CHAIN_ID", "8453").trim(),
                Optional.ofNullable(firstDroppio)));
    }

    /** True when any origin may connect (FRONTEND_URL unset or {@code *}). */
    public boolean anyOrigin() {
        return allowedOrigins.isEmpty();
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    private static long number(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value, e);
        }
    }

    private static int defaultWriterThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
