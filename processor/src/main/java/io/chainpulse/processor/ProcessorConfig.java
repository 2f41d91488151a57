package io.chainpulse.processor;

import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.settings.EnvReader;
import io.chainpulse.store.DatabaseSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.stellar.sdk.StrKey;

/**
 * The processor's settings, read once from the environment: Kafka, topics, PostgreSQL, the operations port and the
 * processing itself. Every number is range-checked and every error names its variable.
 *
 * @param evmChainId EVM_CHAIN_ID: the only chain whose logs are accepted (8453 = Base; the dev stack uses 31337)
 * @param contracts DROPPIO_CONTRACT_ADDRESS: accepted contract addresses, comma-separated, lowercased
 * @param dedupeRetention DEDUPE_RETENTION_HOURS: how long a seen log key is remembered in the state store
 * @param stellarContracts STELLARSTREAM_CONTRACT_IDS: accepted StellarStream C… contract ids, comma-separated;
 *     empty accepts none (their events are dead-lettered as UNKNOWN_CONTRACT)
 * @param topicLayout KAFKA_PARTITIONS, KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS
 * @param database DATABASE_URL, DATABASE_SCHEMA, DATABASE_POOL_SIZE
 * @param httpPort PROCESSOR_HTTP_PORT: {@code /health} and {@code /metrics} (0 = any free port)
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
        Set<String> stellarContracts,
        TopicLayout topicLayout,
        DatabaseSettings database,
        int httpPort) {

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
        EnvReader.inRange("DEDUPE_RETENTION_HOURS", dedupeRetention.toHours(), 1, 8_760);
        EnvReader.inRange("PROCESSOR_COMMIT_INTERVAL_MS", commitIntervalMs, 1, 60_000);
        EnvReader.inRange("PROCESSOR_THREADS", streamThreads, 1, 64);
        EnvReader.inRange("PROCESSOR_HTTP_PORT", httpPort, 0, 65_535);
        stellarContracts = Set.copyOf(stellarContracts);
        for (String contract : stellarContracts) {
            if (!isStellarContract(contract)) {
                throw new IllegalArgumentException("STELLARSTREAM_CONTRACT_IDS entries must be C… contract ids, was " + contract);
            }
        }
    }

    public static ProcessorConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        return new ProcessorConfig(
                reader.text("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                reader.text("TOPIC_PREFIX", "chainpulse"),
                reader.text("PROCESSOR_APPLICATION_ID", "chainpulse-processor"),
                reader.text("EVM_CHAIN_ID", "8453"),
                reader.list("DROPPIO_CONTRACT_ADDRESS").stream().map(address -> address.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet()),
                Duration.ofHours(reader.longValue("DEDUPE_RETENTION_HOURS", 168, 1, 8_760)),
                reader.text("PROCESSOR_STATE_DIR", System.getProperty("java.io.tmpdir") + "/chainpulse-streams"),
                reader.intValue("PROCESSOR_THREADS", 2, 1, 64),
                reader.longValue("PROCESSOR_COMMIT_INTERVAL_MS", 500, 1, 60_000),
                Set.copyOf(reader.list("STELLARSTREAM_CONTRACT_IDS")),
                TopicLayout.fromEnv(env),
                DatabaseSettings.fromEnv(env),
                reader.intValue("PROCESSOR_HTTP_PORT", 3003, 0, 65_535));
    }

    private static boolean isStellarContract(String candidate) {
        try {
            StrKey.decodeContract(candidate);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
