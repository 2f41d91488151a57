package io.chainpulse.ingest.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StellarIngestConfigTest {
    private final String contract = TestSorobanEvents.aContractId();

    @Test
    void shouldReadEveryUrlAndContractAndDefaultToTheLatestLedger() {
        StellarIngestConfig config = StellarIngestConfig.fromEnv(Map.of(
                "SOROBAN_RPC_URL", "https://a.example/rpc, http://b.example:8000",
                "STELLARSTREAM_CONTRACT_IDS", contract));

        assertThat(config.rpcUrls()).containsExactly("https://a.example/rpc", "http://b.example:8000");
        assertThat(config.contractIds()).containsExactly(contract);
        assertThat(config.startLedger()).isEmpty();
        assertThat(config.pageLimit()).isEqualTo(100);
        assertThat(config.sourceId()).isEqualTo("soroban-stellarstream");
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topicPrefix()).isEqualTo("chainpulse");
        assertThat(config.httpPort()).isEqualTo(3004);
    }

    @Test
    void shouldRefuseNumbersOutOfRangeAndHideTheKeyOfAWrongUrl() {
        Map<String, String> valid = Map.of("SOROBAN_RPC_URL", "http://a", "STELLARSTREAM_CONTRACT_IDS", contract);

        assertThatThrownBy(() -> StellarIngestConfig.fromEnv(with(valid, "SOROBAN_PAGE_LIMIT", "4294967396")))
                .hasMessage("SOROBAN_PAGE_LIMIT must be between 1 and 10000, was 4294967396");
        assertThatThrownBy(() -> StellarIngestConfig.fromEnv(with(valid, "SOROBAN_START_LEDGER", "4294967296")))
                .hasMessage("SOROBAN_START_LEDGER must be between 1 and 4294967295, was 4294967296");
        assertThatThrownBy(() -> StellarIngestConfig.fromEnv(with(valid, "STELLAR_INGEST_HTTP_PORT", "-1")))
                .hasMessage("STELLAR_INGEST_HTTP_PORT must be between 0 and 65535, was -1");
        assertThatThrownBy(() -> StellarIngestConfig.fromEnv(with(valid, "SOROBAN_RPC_URL", "wss://rpc.example/?apiKey=s3cret")))
                .hasMessage("SOROBAN_RPC_URL entries must start with http:// or https://, was wss://rpc.example/?apiKey=***");
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        changed.put(name, value);
        return changed;
    }

    @Test
    void shouldNameTheVariableOfAWrongSetting() {
        assertThatThrownBy(() -> StellarIngestConfig.fromEnv(Map.of("STELLARSTREAM_CONTRACT_IDS", contract)))
                .hasMessageContaining("SOROBAN_RPC_URL");
        assertThatThrownBy(() -> StellarIngestConfig.fromEnv(Map.of(
                "SOROBAN_RPC_URL", "http://a", "STELLARSTREAM_CONTRACT_IDS", "GABC")))
                .hasMessageContaining("STELLARSTREAM_CONTRACT_IDS");
        assertThatThrownBy(() -> StellarIngestConfig.fromEnv(Map.of(
                "SOROBAN_RPC_URL", "http://a", "STELLARSTREAM_CONTRACT_IDS", contract, "SOROBAN_START_LEDGER", "soon")))
                .hasMessageContaining("SOROBAN_START_LEDGER must be a whole number, was soon");
    }

    @Test
    void shouldReadTheLedgerOfAnEventIdOrCursor() {
        EventId id = EventId.parse(FakeSorobanRpc.cursor(1234L << 32 | 3L << 12 | 1, 7));

        assertThat(id.ledger()).isEqualTo(1234);
        assertThat(id.index()).isEqualTo(7);
    }
}
