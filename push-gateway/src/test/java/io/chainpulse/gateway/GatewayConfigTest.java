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
        assertThat(config.anyOrigin()).isFalse();
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.httpRequestsPerIpPerMinute()).isEqualTo(600);
        assertThat(config.database().schema()).isEqualTo("public");
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.jwt()).isEmpty();
        assertThat(config.replayWarmRecordsPerPartition()).isEqualTo(50_000);
        assertThat(config.replayScanGather()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.writerThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    @Test
    void shouldTakeTheWriterThreadsGivenAndRefuseNone() {
        assertThat(GatewayConfig.fromEnv(Map.of("WS_WRITER_THREADS", "3")).writerThreads()).isEqualTo(3);
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("WS_WRITER_THREADS", "0")))
                .hasMessage("WS_WRITER_THREADS must be between 1 and 64, was 0");
    }

    @Test
    void shouldRefuseAFrameLimitTooSmallForOneEvent() {
        assertThat(GatewayConfig.fromEnv(Map.of()).maxInboundBytes()).isEqualTo(65_536);
        assertThat(GatewayConfig.fromEnv(Map.of("WS_MAX_INBOUND_BYTES", "4096")).maxInboundBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("WS_MAX_INBOUND_BYTES", "1024")))
                .hasMessage("WS_MAX_INBOUND_BYTES must be between 4096 and 16777216, was 1024");
    }

    @Test
    void shouldReadACommaSeparatedOriginAllowList() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("FRONTEND_URL", "https://a.example, http://localhost:5173/"));

        assertThat(config.allowedOrigins()).containsExactly("https://a.example", "http://localhost:5173");
        assertThat(config.anyOrigin()).isFalse();
    }

    @Test
    void shouldRefuseANumberBeyondItsRangeRatherThanWrapIt() {
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("WS_MAX_INBOUND_BYTES", "4294971392")))
                .hasMessage("WS_MAX_INBOUND_BYTES must be between 4096 and 16777216, was 4294971392");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("GATEWAY_PORT", "70000")))
                .hasMessage("GATEWAY_PORT must be between 0 and 65535, was 70000");
    }

    @Test
    void shouldReadPortWhenGatewayPortIsUnset() {
        assertThat(GatewayConfig.fromEnv(Map.of("PORT", "3000")).port()).isEqualTo(3000);
        assertThat(GatewayConfig.fromEnv(Map.of("PORT", "3000", "GATEWAY_PORT", "3005")).port()).isEqualTo(3005);
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("PORT", "x"))).hasMessageContaining("PORT must be");
    }

    @Test
    void shouldAllowEveryOriginOnlyWhenAskedWithAStar() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("FRONTEND_URL", "*"));

        assertThat(config.anyOrigin()).isTrue();
        assertThat(config.allowedOrigins()).isEmpty();
    }

    @Test
    void shouldReadTheStreamerTokenRules() {
        var jwt = GatewayConfig.fromEnv(Map.of("JWT_SECRET", "s".repeat(32), "JWT_MAX_TTL", "3600",
                "JWT_AUDIENCE", "chainpulse", "JWT_ISSUER", "droppio")).jwt().orElseThrow();

        assertThat(jwt.maxTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(jwt.audience()).hasValue("chainpulse");
        assertThat(jwt.issuer()).hasValue("droppio");
        assertThat(GatewayConfig.fromEnv(Map.of("JWT_SECRET", "s".repeat(32))).jwt().orElseThrow().maxTtl())
                .isEqualTo(Duration.ofHours(24));
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
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("REPLAY_WARM_RECORDS_PER_PARTITION", "-1")))
                .hasMessageContaining("REPLAY_WARM_RECORDS_PER_PARTITION");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("REPLAY_SCAN_GATHER_MS", "-5")))
                .hasMessageContaining("REPLAY_SCAN_GATHER_MS");
    }

    @Test
    void shouldKeepTheSocketIoPingBelowJettysIdleTimeout() {
        assertThat(GatewayConfig.fromEnv(Map.of()).socketIo().pingInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("SOCKETIO_PING_INTERVAL_MS", "60000")))
                .hasMessageContaining("SOCKETIO_PING_INTERVAL_MS");
    }
}
