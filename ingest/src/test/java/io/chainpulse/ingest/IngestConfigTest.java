package io.chainpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainpulse.schemas.TopicLayout;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    private static final String CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("BASE_RPC_URL", "ws://127.0.0.1:8545, http://127.0.0.1:8545",
                "DROPPIO_CONTRACT_ADDRESS", CONTRACT));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void shouldReadKafkaTopicsAndHttpPortWithTheirDefaults() {
        IngestConfig config = IngestConfig.fromEnv(env());

        assertThat(config.rpcUrls()).containsExactly("ws://127.0.0.1:8545", "http://127.0.0.1:8545");
        assertThat(config.contractAddress()).isEqualTo(CONTRACT.toLowerCase());
        assertThat(config.startBlock()).isEmpty();
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topicPrefix()).isEqualTo("chainpulse");
        assertThat(config.kafka().layout()).isEqualTo(TopicLayout.singleBroker());
        assertThat(config.sourceId()).isEqualTo("evm-" + CONTRACT.toLowerCase());
        assertThat(config.httpPort()).isEqualTo(3002);
    }

    @Test
    void shouldRefuseNumbersOutOfRangeInsteadOfWrappingThem() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("EVM_CONFIRMATIONS", "4294967296")))
                .hasMessage("EVM_CONFIRMATIONS must be between 0 and 10000, was 4294967296");
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("EVM_MAX_BLOCK_RANGE", "0")))
                .hasMessage("EVM_MAX_BLOCK_RANGE must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("EVM_POLL_INTERVAL_MS", "5")))
                .hasMessageStartingWith("EVM_POLL_INTERVAL_MS must be between 10 and");
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("INGEST_HTTP_PORT", "70000")))
                .hasMessage("INGEST_HTTP_PORT must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("EVM_START_BLOCK", "-1")))
                .hasMessageStartingWith("EVM_START_BLOCK must be >= 0, was -1");
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("EVM_CONFIRMATIONS", "10", "EVM_REORG_WINDOW", "5")))
                .hasMessageStartingWith("EVM_REORG_WINDOW must be >= 1 and >= EVM_CONFIRMATIONS");
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("KAFKA_PARTITIONS", "six")))
                .hasMessage("KAFKA_PARTITIONS must be a whole number, was six");
    }

    @Test
    void shouldNotShowTheKeyOfAWrongRpcUrl() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(env("BASE_RPC_URL", "ftp://base.example/v2/Xy7kQ2mN9pR4sT6uV8wZ0aB1cD3eF5gH")))
                .hasMessage("BASE_RPC_URL entries must start with ws://, wss://, http:// or https://, was ftp://base.example/v2/***");
    }
}
