package io.chainpulse.testevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestEventSettingsTest {

    @Test
    void shouldKeepTestEndpointsOffUnlessEnabled() {
        assertThat(TestEventSettings.fromEnv(Map.of())).isEmpty();
        assertThat(TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "false"))).isEmpty();
        assertThatThrownBy(() -> TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "yes")))
                .hasMessageContaining("TEST_ENDPOINTS_ENABLED");
    }

    @Test
    void shouldTakeTheFirstStellarStreamContractForTestEventsUnlessOneIsNamed() {
        String first = "C" + "A".repeat(55);
        String named = "C" + "B".repeat(55);
        Map<String, String> env = Map.of("TEST_ENDPOINTS_ENABLED", "true",
                "STELLARSTREAM_CONTRACT_IDS", first + ", C" + "D".repeat(55),
                "DROPPIO_CONTRACT_ADDRESS", "0x" + "AB".repeat(20), "EVM_CHAIN_ID", "31337");

        TestEventSettings settings = TestEventSettings.fromEnv(env).orElseThrow();
        Map<String, String> withNamed = new HashMap<>(env);
        withNamed.put("TEST_STELLAR_CONTRACT_ID", named);

        assertThat(settings.stellarContractId()).hasValue(first);
        assertThat(settings.droppioContract()).hasValue("0x" + "ab".repeat(20));
        assertThat(settings.evmChainId()).isEqualTo("31337");
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.stellarNetworkId())
                .isEqualTo("cee0302d59844d32bdca915c8203dd44b33fbb7edc19051ea37abedf28ecd472");
        assertThat(TestEventSettings.fromEnv(withNamed).orElseThrow().stellarContractId()).hasValue(named);
        assertThatThrownBy(() -> TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "true",
                "TEST_STELLAR_CONTRACT_ID", "GABC"))).hasMessageContaining("TEST_STELLAR_CONTRACT_ID");
        assertThatThrownBy(() -> TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "true",
                "EVM_CHAIN_ID", "base"))).hasMessageContaining("EVM_CHAIN_ID");
    }

    @Test
    void shouldReadTheTokenAndTheRateLimitNamingABadValue() {
        TestEventSettings defaults = TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "true")).orElseThrow();
        TestEventSettings set = TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "true",
                "TEST_ENDPOINTS_TOKEN", "0123456789abcdef", "TEST_ENDPOINTS_REQUESTS_PER_MINUTE", "30")).orElseThrow();

        assertThat(defaults.token()).isEmpty();
        assertThat(defaults.requestsPerMinute()).isEqualTo(120);
        assertThat(set.token()).hasValue("0123456789abcdef");
        assertThat(set.requestsPerMinute()).isEqualTo(30);
        assertThatThrownBy(() -> TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "true",
                "TEST_ENDPOINTS_TOKEN", "short"))).hasMessageContaining("TEST_ENDPOINTS_TOKEN");
        assertThatThrownBy(() -> TestEventSettings.fromEnv(Map.of("TEST_ENDPOINTS_ENABLED", "true",
                "TEST_ENDPOINTS_REQUESTS_PER_MINUTE", "0"))).hasMessageContaining("TEST_ENDPOINTS_REQUESTS_PER_MINUTE");
    }
}
