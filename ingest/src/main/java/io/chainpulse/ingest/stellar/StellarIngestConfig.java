package io.chainpulse.ingest.stellar;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.stellar.sdk.StrKey;

/**
 * Soroban ingest settings read from the environment; every error names its variable.
 *
 * @param rpcUrls SOROBAN_RPC_URL: one or more http/https Soroban RPC URLs, comma-separated, failed over in order
 * @param contractIds STELLARSTREAM_CONTRACT_IDS: C… contract ids whose events are read (at most 25)
 * @param startLedger SOROBAN_START_LEDGER on the very first start: a ledger sequence, or empty for {@code latest}
 * @param pageLimit SOROBAN_PAGE_LIMIT: events asked for per getEvents page
 * @param pollIntervalMs SOROBAN_POLL_INTERVAL_MS: pause between polls once ingest has caught up
 * @param sourceId SOROBAN_SOURCE_ID: checkpoint key and transactional id of this source
 */
public record StellarIngestConfig(
        List<String> rpcUrls,
        List<String> contractIds,
        OptionalLong startLedger,
        int pageLimit,
        long pollIntervalMs,
        String kafkaBootstrapServers,
        String topicPrefix,
        String sourceId) {

    /** getEvents takes at most 5 filters of at most 5 contract ids each. */
    static final int MAX_CONTRACTS = 25;

    public StellarIngestConfig {
        rpcUrls = List.copyOf(rpcUrls);
        contractIds = List.copyOf(contractIds);
        if (rpcUrls.isEmpty()) {
            throw new IllegalArgumentException("SOROBAN_RPC_URL must name at least one http:// or https:// URL");
        }
        for (String url : rpcUrls) {
            if (!url.matches("(?i)https?://.+")) {
                throw new IllegalArgumentException("SOROBAN_RPC_URL entries must start with http:// or https://, was " + url);
            }
        }
        if (contractIds.isEmpty() || contractIds.size() > MAX_CONTRACTS) {
            throw new IllegalArgumentException("STELLARSTREAM_CONTRACT_IDS must name 1 to " + MAX_CONTRACTS
                    + " contract ids, was " + contractIds.size());
        }
        for (String contractId : contractIds) {
            if (!isContractId(contractId)) {
                throw new IllegalArgumentException("STELLARSTREAM_CONTRACT_IDS entries must be C… contract ids, was " + contractId);
            }
        }
        if (startLedger.isPresent() && startLedger.getAsLong() < 1) {
            throw new IllegalArgumentException("SOROBAN_START_LEDGER must be >= 1 or latest, was " + startLedger.getAsLong());
        }
        if (pageLimit < 1 || pageLimit > 10_000) {
            throw new IllegalArgumentException("SOROBAN_PAGE_LIMIT must be between 1 and 10000, was " + pageLimit);
        }
        if (pollIntervalMs < 10) {
            throw new IllegalArgumentException("SOROBAN_POLL_INTERVAL_MS must be >= 10, was " + pollIntervalMs);
        }
        if (sourceId == null || sourceId.isBlank()) {
            throw new IllegalArgumentException("SOROBAN_SOURCE_ID must not be blank");
        }
    }

    public static StellarIngestConfig fromEnv(Map<String, String> env) {
        String urls = env.getOrDefault("SOROBAN_RPC_URL", "");
        if (urls.isBlank()) {
            throw new IllegalArgumentException("SOROBAN_RPC_URL is required (comma-separated http/https Soroban RPC URLs)");
        }
        String contracts = env.getOrDefault("STELLARSTREAM_CONTRACT_IDS", "");
        if (contracts.isBlank()) {
            throw new IllegalArgumentException("STELLARSTREAM_CONTRACT_IDS is required (comma-separated C… contract ids)");
        }
        String start = env.getOrDefault("SOROBAN_START_LEDGER", "latest").trim();
        return new StellarIngestConfig(
                split(urls),
                split(contracts),
                start.equalsIgnoreCase("latest") ? OptionalLong.empty()
                        : OptionalLong.of(parseLong("SOROBAN_START_LEDGER", start)),
                (int) parseLong("SOROBAN_PAGE_LIMIT", env.getOrDefault("SOROBAN_PAGE_LIMIT", "100")),
                parseLong("SOROBAN_POLL_INTERVAL_MS", env.getOrDefault("SOROBAN_POLL_INTERVAL_MS", "2000")),
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("TOPIC_PREFIX", "chainpulse"),
                env.getOrDefault("SOROBAN_SOURCE_ID", "soroban-stellarstream"));
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean isContractId(String candidate) {
        try {
            StrKey.decodeContract(candidate);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value, e);
        }
    }
}
