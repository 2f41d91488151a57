package io.chainpulse.processor;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Processor settings read from the environment; every error names its variable.
 *
 * @param evmChainId EVM_CHAIN_ID: the only chain whose logs are accepted (8453 = Base; the dev stack uses 31337)
 * @param contracts DROPPIO_CONTRACT_ADDRESS: accepted contract addresses, comma-separated, lowercased
 * @param dedupeRetention DEDUPE_RETENTION_HOURS: how long a seen log key is remembered in the state store
 * @param stellarContracts STELLARSTREAM_CONTRACT_IDS: accepted StellarStream C… contract ids, comma-separated;
 *     empty accepts none (their events are dead-lettered as UNKNOWN_CONTRACT)
 */
public record ProcessorConfig(
        String kafkaBootstrapServers,
        String topicPrefix,
        String applicationId,
        String evmChainId,
        Set<String> contracts,
        Duration dedupeRetention,
        String stateDir,
        int streamThreads,
        long commitIntervalMs,
        Set<String> stellarContracts) {

    public ProcessorConfig {
        if (!evmChainId.matches("\\d+")) {
            throw new IllegalArgumentException("EVM_CHAIN_ID must be a decimal chain id, was " + evmChainId);
        }
        for (String contract : contracts) {
            if (!contract.matches("0x[0-9a-f]{40}")) {
                throw new IllegalArgumentException("DROPPIO_CONTRACT_ADDRESS entries must be 0x + 40 hex digits, was " + contract);
            }
        }
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("DROPPIO_CONTRACT_ADDRESS is required: the contract(s) whose logs are accepted");
        }
        if (dedupeRetention.isNegative() || dedupeRetention.isZero()) {
            throw new IllegalArgumentException("DEDUPE_RETENTION_HOURS must be > 0, was " + dedupeRetention.toHours());
        }
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("PROCESSOR_COMMIT_INTERVAL_MS must be >= 1, was " + commitIntervalMs);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("PROCESSOR_THREADS must be >= 1, was " + streamThreads);
        }
        stellarContracts = Set.copyOf(stellarContracts);
        for (String contract : stellarContracts) {
            if (!isStellarContract(contract)) {
                throw new IllegalArgumentException("STELLARSTREAM_CONTRACT_IDS entries must be C… contract ids, was " + contract);
            }
        }
    }

    public static ProcessorConfig fromEnv(Map<String, String> env) {
        String contracts = env.getOrDefault("DROPPIO_CONTRACT_ADDRESS", "");
        return new ProcessorConfig(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("TOPIC_PREFIX", "chainpulse"),
                env.getOrDefault("PROCESSOR_APPLICATION_ID", "chainpulse-processor"),
                env.getOrDefault("EVM_CHAIN_ID", "8453").trim(),
                Arrays.stream(contracts.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
                Duration.ofHours(parse(env, "DEDUPE_RETENTION_HOURS", "168")),
                env.getOrDefault("PROCESSOR_STATE_DIR", System.getProperty("java.io.tmpdir") + "/chainpulse-streams"),
                (int) parse(env, "PROCESSOR_THREADS", "2"),
                parse(env, "PROCESSOR_COMMIT_INTERVAL_MS", "500"),
                Arrays.stream(env.getOrDefault("STELLARSTREAM_CONTRACT_IDS", "").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    private static boolean isStellarContract(String candidate) {
        try {
            org.stellar.sdk.StrKey.decodeContract(candidate);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long parse(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value, e);
        }
    }
}
