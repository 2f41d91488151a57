package io.chainpulse.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Ingest settings read from the environment; every error names its variable.
 *
 * @param rpcUrls BASE_RPC_URL: one or more ws/wss/http/https URLs, comma-separated, tried in order
 * @param contractAddress DROPPIO_CONTRACT_ADDRESS, lowercased
 * @param startBlock EVM_START_BLOCK on first start: a block number, or empty for {@code latest}
 * @param confirmations EVM_CONFIRMATIONS: blocks a log waits before it is published (0 = instant)
 * @param reorgWindow EVM_REORG_WINDOW: recent block hashes kept to detect reorganizations
 * @param maxBlockRange EVM_MAX_BLOCK_RANGE: widest eth_getLogs range asked for
 * @param pollIntervalMs EVM_POLL_INTERVAL_MS: head polling period when no WebSocket notifies new blocks
 */
public record IngestConfig(
        List<String> rpcUrls,
        String contractAddress,
        OptionalLong startBlock,
        int confirmations,
        int reorgWindow,
        int maxBlockRange,
        long pollIntervalMs,
        String kafkaBootstrapServers,
        String topicPrefix,
        String sourceId) {

    public IngestConfig {
        if (rpcUrls.isEmpty()) {
            throw new IllegalArgumentException("BASE_RPC_URL must name at least one ws://, wss://, http:// or https:// URL");
        }
        for (String url : rpcUrls) {
            if (!url.matches("(?i)(wss?|https?)://.+")) {
                throw new IllegalArgumentException("BASE_RPC_URL entries must start with ws://, wss://, http:// or https://, was " + url);
            }
        }
        if (contractAddress == null || !contractAddress.matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException("DROPPIO_CONTRACT_ADDRESS must be a 0x address of 40 hex digits, was " + contractAddress);
        }
        if (confirmations < 0) {
            throw new IllegalArgumentException("EVM_CONFIRMATIONS must be >= 0, was " + confirmations);
        }
        if (reorgWindow < 1 || reorgWindow < confirmations) {
            throw new IllegalArgumentException("EVM_REORG_WINDOW must be >= 1 and >= EVM_CONFIRMATIONS, was " + reorgWindow);
        }
        if (maxBlockRange < 1) {
            throw new IllegalArgumentException("EVM_MAX_BLOCK_RANGE must be >= 1, was " + maxBlockRange);
        }
        if (pollIntervalMs < 10) {
            throw new IllegalArgumentException("EVM_POLL_INTERVAL_MS must be >= 10, was " + pollIntervalMs);
        }
    }

    public static IngestConfig fromEnv(Map<String, String> env) {
        String urls = env.get("BASE_RPC_URL");
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("BASE_RPC_URL is required (comma-separated ws/wss/http/https URLs)");
        }
        String contract = env.get("DROPPIO_CONTRACT_ADDRESS");
        if (contract == null || contract.isBlank()) {
            throw new IllegalArgumentException("DROPPIO_CONTRACT_ADDRESS is required");
        }
        String start = env.getOrDefault("EVM_START_BLOCK", "latest").trim();
        OptionalLong startBlock = start.equalsIgnoreCase("latest") ? OptionalLong.empty()
                : OptionalLong.of(parseLong(env, "EVM_START_BLOCK", start));
        return new IngestConfig(
                Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                contract.trim().toLowerCase(Locale.ROOT),
                startBlock,
                (int) parseLong(env, "EVM_CONFIRMATIONS", env.getOrDefault("EVM_CONFIRMATIONS", "0")),
                (int) parseLong(env, "EVM_REORG_WINDOW", env.getOrDefault("EVM_REORG_WINDOW", "64")),
                (int) parseLong(env, "EVM_MAX_BLOCK_RANGE", env.getOrDefault("EVM_MAX_BLOCK_RANGE", "2000")),
                parseLong(env, "EVM_POLL_INTERVAL_MS", env.getOrDefault("EVM_POLL_INTERVAL_MS", "1000")),
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("TOPIC_PREFIX", "chainpulse"),
                env.getOrDefault("INGEST_SOURCE_ID", "evm-" + contract.trim().toLowerCase(Locale.ROOT)));
    }

    private static long parseLong(Map<String, String> env, String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value, e);
        }
    }
}
