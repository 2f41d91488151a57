package io.chainpulse.gateway;

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
 * @param pongTimeout WS_PONG_TIMEOUT_MS: a socket whose pong is older than ping interval + this is closed
 * @param maxQueuedBytes WS_MAX_QUEUED_BYTES: outbound bytes a socket may have waiting before it is closed with 1013
 * @param maxInboundBytes WS_MAX_INBOUND_BYTES: largest client message accepted (larger closes with 1009)
 * @param connectionsPerIpPerMinute WS_CONNECTIONS_PER_IP_PER_MINUTE: new sockets one IP may open per minute
 * @param replayBufferPerCreator REPLAY_BUFFER_PER_CREATOR: recent events kept in memory per creator for replay
 * @param jwtSecret JWT_SECRET: HS256 key of streamer tokens; without it the streamer channel refuses everyone
 * @param revocationCheckInterval TOKEN_REVOCATION_CHECK_MS: how often revoked overlay tokens are looked for
 */
public record GatewayConfig(
        int port,
        String kafkaBootstrapServers,
        String topicPrefix,
        List<String> allowedOrigins,
        Duration pingInterval,
        Duration pongTimeout,
        long maxQueuedBytes,
        int maxInboundBytes,
        int connectionsPerIpPerMinute,
        int replayBufferPerCreator,
        Optional<String> jwtSecret,
        Duration revocationCheckInterval) {

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
        if (maxInboundBytes < 128) {
            throw new IllegalArgumentException("WS_MAX_INBOUND_BYTES must be >= 128, was " + maxInboundBytes);
        }
        if (connectionsPerIpPerMinute < 1) {
            throw new IllegalArgumentException(
                    "WS_CONNECTIONS_PER_IP_PER_MINUTE must be >= 1, was " + connectionsPerIpPerMinute);
        }
        if (replayBufferPerCreator < 1) {
            throw new IllegalArgumentException("REPLAY_BUFFER_PER_CREATOR must be >= 1, was " + replayBufferPerCreator);
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
                (int) number(env, "WS_MAX_INBOUND_BYTES", String.valueOf(64 * 1024)),
                (int) number(env, "WS_CONNECTIONS_PER_IP_PER_MINUTE", "120"),
                (int) number(env, "REPLAY_BUFFER_PER_CREATOR", "1000"),
                secret.isBlank() ? Optional.empty() : Optional.of(secret),
                Duration.ofMillis(number(env, "TOKEN_REVOCATION_CHECK_MS", "2000")));
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
}
