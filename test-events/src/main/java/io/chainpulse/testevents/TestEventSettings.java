package io.chainpulse.testevents;

import io.chainpulse.schemas.settings.EnvReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The test endpoints' settings, read from the environment; each error names its variable. The endpoints exist only
 * when TEST_ENDPOINTS_ENABLED=true ({@link #fromEnv} is empty otherwise).
 *
 * @param kafkaBootstrapServers KAFKA_BOOTSTRAP_SERVERS: where the raw topic is written
 * @param stellarContractId TEST_STELLAR_CONTRACT_ID: StellarStream contract of test stream events; defaults to the
 *     first of STELLARSTREAM_CONTRACT_IDS; without one the stream endpoints answer 503
 * @param stellarNetworkId chain id of test Stellar events: hex SHA-256 of STELLAR_NETWORK_PASSPHRASE (testnet's by
 *     default), as Soroban ingest sets it
 * @param evmChainId EVM_CHAIN_ID: chain id of test Droppio tips
 * @param droppioContract DROPPIO_CONTRACT_ADDRESS: contract of test Droppio tips (the first, when several); without
 *     one the tip endpoint answers 503
 * @param token TEST_ENDPOINTS_TOKEN: when set, every request needs {@code Authorization: Bearer <token>}; when unset,
 *     only loopback clients are answered
 * @param requestsPerMinute TEST_ENDPOINTS_REQUESTS_PER_MINUTE: requests one client IP may make per minute
 */
public record TestEventSettings(String kafkaBootstrapServers, Optional<String> stellarContractId,
        String stellarNetworkId, String evmChainId, Optional<String> droppioContract, Optional<String> token,
        int requestsPerMinute) {
    public static final String TESTNET_PASSPHRASE = "Test SDF Network ; September 2015";

    public TestEventSettings {
        if (stellarContractId.isPresent() && !stellarContractId.get().matches("C[A-Z2-7]{55}")) {
            throw new IllegalArgumentException("TEST_STELLAR_CONTRACT_ID (or the first of STELLARSTREAM_CONTRACT_IDS)"
                    + " must be a C… contract id, was " + stellarContractId.get());
        }
        if (!evmChainId.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("EVM_CHAIN_ID must be a decimal chain id, was " + evmChainId);
        }
        if (droppioContract.isPresent() && !droppioContract.get().matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException(
                    "DROPPIO_CONTRACT_ADDRESS must be 0x + 40 hex digits, was " + droppioContract.get());
        }
        if (token.isPresent() && token.get().length() < 16) {
            throw new IllegalArgumentException("TEST_ENDPOINTS_TOKEN must be at least 16 characters, was "
                    + token.get().length());
        }
    }

    /** The settings, or empty when TEST_ENDPOINTS_ENABLED is not {@code true}. */
    public static Optional<TestEventSettings> fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        if (!reader.flag("TEST_ENDPOINTS_ENABLED", false)) {
            return Optional.empty();
        }
        Optional<String> firstStellar = reader.list("STELLARSTREAM_CONTRACT_IDS").stream().findFirst();
        return Optional.of(new TestEventSettings(
                reader.text("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                reader.optional("TEST_STELLAR_CONTRACT_ID").or(() -> firstStellar),
                StellarTestEvents.networkId(reader.text("STELLAR_NETWORK_PASSPHRASE", TESTNET_PASSPHRASE)),
                reader.text("EVM_CHAIN_ID", "8453"),
                first(reader.list("DROPPIO_CONTRACT_ADDRESS")).map(address -> address.toLowerCase(Locale.ROOT)),
                reader.optional("TEST_ENDPOINTS_TOKEN"),
                reader.intValue("TEST_ENDPOINTS_REQUESTS_PER_MINUTE", 120, 1, 1_000_000)));
    }

    private static Optional<String> first(List<String> values) {
        return values.stream().findFirst();
    }
}
