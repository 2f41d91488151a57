package io.chainpulse.ingest.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
