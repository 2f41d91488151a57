package io.chainpulse.ingest;

import io.chainpulse.ingest.rpc.RpcUrls;
import io.chainpulse.ingest.source.KafkaTarget;
import io.chainpulse.schemas.settings.EnvReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * EVM ingest settings, read once from the environment; every error names its variable and never shows an RPC
 * URL's secrets.
 *
 * @param rpcUrls BASE_RPC_URL: one or more ws/wss/http/https URLs, comma-separated, tried in order
 * @param contractAddress DROPPIO_CONTRACT_ADDRESS, lowercased
 * @param startBlock EVM_START_BLOCK on first start: a block number, or empty for {@code latest}
 * @param confirmations EVM_CONFIRMATIONS: blocks a log waits before it is published (0 = instant)
 * @param reorgWindow EVM_REORG_WINDOW: recent block hashes kept to detect reorganizations
 * @param maxBlockRange EVM_MAX_BLOCK_RANGE: widest eth_getLogs range asked for
 * @param pollIntervalMs EVM_POLL_INTERVAL_MS: head polling period when no WebSocket notifies new blocks
 * @param kafka KAFKA_BOOTSTRAP_SERVERS, TOPIC_PREFIX and the topic layout
 * @param sourceId INGEST_SOURCE_ID: checkpoint key and transactional id (default {@code evm-<contract>})
 * @param httpPort INGEST_HTTP_PORT: /metrics and /health (default 3002, 0 = any free port)
 */
public record IngestConfig(
        List<String> rpcUrls,
        String contractAddress,
        OptionalLong startBlock,
        int confirmations,
        int reorgWindow,
        int maxBlockRange,
        long pollIntervalMs,
        KafkaTarget kafka,
        String sourceId,
        int httpPort) {
    public static final String HTTP_PORT = "INGEST_HTTP_PORT";

    public IngestConfig {
        rpcUrls = List.copyOf(rpcUrls);
        if (rpcUrls.isEmpty()) {
            throw new IllegalArgumentException("BASE_RPC_URL must name at least one ws://, wss://, http:// or https:// URL");
        }
        for (String url : rpcUrls) {
            if (!url.matches("(?i)(wss?|https?)://.+")) {
                throw new IllegalArgumentException("BASE_RPC_URL entries must start with ws://, wss://, http:// or https://, was "
                        + RpcUrls.redact(url));
            }
        }
        if (contractAddress == null || !contractAddress.matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException("DROPPIO_CONTRACT_ADDRESS must be a 0x address of 40 hex digits, was " + contractAddress);
        }
        if (reorgWindow < confirmations) {
            throw new IllegalArgumentException("EVM_REORG_WINDOW must be >= 1 and >= EVM_CONFIRMATIONS, was " + reorgWindow);
        }
        if (sourceId == null || sourceId.isBlank()) {
            throw new IllegalArgumentException("INGEST_SOURCE_ID must not be blank");
        }
    }

    public static IngestConfig fromEnv(Map<String, String> env) {
        return fromEnv(new EnvReader(env));
    }

    public static IngestConfig fromEnv(EnvReader env) {
        List<String> urls = env.list("BASE_RPC_URL");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("BASE_RPC_URL must be set (comma-separated ws/wss/http/https URLs)");
        }
        String contract = env.required("DROPPIO_CONTRACT_ADDRESS", "the Droppio contract whose logs are read")
                .toLowerCase(Locale.ROOT);
        String start = env.text("EVM_START_BLOCK", "latest");
        return new IngestConfig(
                urls,
                contract,
                start.equalsIgnoreCase("latest") ? OptionalLong.empty()
                        : OptionalLong.of(env.longValue("EVM_START_BLOCK", 0, 0, Long.MAX_VALUE)),
                env.intValue("EVM_CONFIRMATIONS", 0, 0, 10_000),
                env.intValue("EVM_REORG_WINDOW", 64, 1, 100_000),
                env.intValue("EVM_MAX_BLOCK_RANGE", 2000, 1, 1_000_000),
                env.longValue("EVM_POLL_INTERVAL_MS", 1000, 10, 3_600_000),
                KafkaTarget.fromEnv(env),
                env.text("INGEST_SOURCE_ID", "evm-" + contract),
                httpPort(env));
    }

    /** INGEST_HTTP_PORT: 0..65535, default 3002 (0 = any free port). */
    public static int httpPort(EnvReader env) {
        return env.intValue(HTTP_PORT, 3002, 0, 65_535);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String topicPrefix() {
        return kafka.topicPrefix();
    }
}
