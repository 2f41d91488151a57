package io.chainpulse.ingest.stellar;

import io.chainpulse.ingest.rpc.RpcUrls;
import io.chainpulse.ingest.source.KafkaTarget;
import io.chainpulse.schemas.settings.EnvReader;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.stellar.sdk.StrKey;

/**
 * Soroban ingest settings, read once from the environment; every error names its variable and never shows an RPC
 * URL's secrets.
 *
 * @param rpcUrls SOROBAN_RPC_URL: one or more http/https Soroban RPC URLs, comma-separated, failed over in order
 * @param contractIds STELLARSTREAM_CONTRACT_IDS: C… contract ids whose events are read (at most 25)
 * @param startLedger SOROBAN_START_LEDGER on the very first start: a ledger sequence, or empty for {@code latest}
 * @param pageLimit SOROBAN_PAGE_LIMIT: events asked for per getEvents page
 * @param pollIntervalMs SOROBAN_POLL_INTERVAL_MS: pause between polls once ingest has caught up
 * @param kafka KAFKA_BOOTSTRAP_SERVERS, TOPIC_PREFIX and the topic layout
 * @param sourceId SOROBAN_SOURCE_ID: checkpoint key and transactional id of this source
 * @param httpPort STELLAR_INGEST_HTTP_PORT: /metrics and /health (default 3004, 0 = any free port)
 */
public record StellarIngestConfig(
        List<String> rpcUrls,
        List<String> contractIds,
        OptionalLong startLedger,
        int pageLimit,
        long pollIntervalMs,
        KafkaTarget kafka,
        String sourceId,
        int httpPort) {

    /** getEvents takes at most 5 filters of at most 5 contract ids each. */
    static final int MAX_CONTRACTS = 25;
    /** Ledger sequence numbers are unsigned 32-bit. */
    private static final long MAX_LEDGER = 0xFFFF_FFFFL;
    public static final String HTTP_PORT = "STELLAR_INGEST_HTTP_PORT";

    public StellarIngestConfig {
        rpcUrls = List.copyOf(rpcUrls);
        contractIds = List.copyOf(contractIds);
        if (rpcUrls.isEmpty()) {
            throw new IllegalArgumentException("SOROBAN_RPC_URL must name at least one http:// or https:// URL");
        }
        for (String url : rpcUrls) {
            if (!url.matches("(?i)https?://.+")) {
                throw new IllegalArgumentException("SOROBAN_RPC_URL entries must start with http:// or https://, was "
                        + RpcUrls.redact(url));
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
        if (sourceId == null || sourceId.isBlank()) {
            throw new IllegalArgumentException("SOROBAN_SOURCE_ID must not be blank");
        }
    }

    public static StellarIngestConfig fromEnv(Map<String, String> env) {
        return fromEnv(new EnvReader(env));
    }

    public static StellarIngestConfig fromEnv(EnvReader env) {
        List<String> urls = env.list("SOROBAN_RPC_URL");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("SOROBAN_RPC_URL must be set (comma-separated http/https Soroban RPC URLs)");
        }
        List<String> contracts = env.list("STELLARSTREAM_CONTRACT_IDS");
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("STELLARSTREAM_CONTRACT_IDS must be set (comma-separated C… contract ids)");
        }
        String start = env.text("SOROBAN_START_LEDGER", "latest");
        return new StellarIngestConfig(
                urls,
                contracts,
                start.equalsIgnoreCase("latest") ? OptionalLong.empty()
                        : OptionalLong.of(env.longValue("SOROBAN_START_LEDGER", 1, 1, MAX_LEDGER)),
                env.intValue("SOROBAN_PAGE_LIMIT", 100, 1, 10_000),
                env.longValue("SOROBAN_POLL_INTERVAL_MS", 2000, 10, 3_600_000),
                KafkaTarget.fromEnv(env),
                env.text("SOROBAN_SOURCE_ID", "soroban-stellarstream"),
                env.intValue(HTTP_PORT, 3004, 0, 65_535));
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String topicPrefix() {
        return kafka.topicPrefix();
    }

    private static boolean isContractId(String candidate) {
        try {
            StrKey.decodeContract(candidate);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
