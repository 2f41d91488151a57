package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void shouldUseTheDocumentedDefaults() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of());

        assertThat(config.port()).isEqualTo(3001);
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topicPrefix()).isEqualTo("chainpulse");
        assertThat(config.anyOrigin()).isTrue();
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.jwtSecret()).isEmpty();
    }

    @Test
    void shouldReadACommaSeparatedOriginAllowList() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("FRONTEND_URL", "https://a.example, http://localhost:5173/"));

        assertThat(config.allowedOrigins()).containsExactly("https://a.example", "http://localhost:5173");
        assertThat(config.anyOrigin()).isFalse();
    }

    @Test
    void shouldNameTheVariableOfABadValue() {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("GATEWAY_PORT", "eighty")))
                .hasMessageContaining("GATEWAY_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("WS_PING_INTERVAL_MS", "5")))
                .hasMessageContaining("WS_PING_INTERVAL_MS");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("FRONTEND_URL", "example.com")))
                .hasMessageContaining("FRONTEND_URL");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("JWT_SECRET", "short")))
                .hasMessageContaining("JWT_SECRET");
    }
}
