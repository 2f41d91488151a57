package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainpulse.gateway.auth.JwtVerifier;
import io.chainpulse.gateway.auth.StreamerTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamerTokenSettingsTest {
    private static final String ENV_SECRET = "a-secret-from-the-environment-long-enough";
    private static final String DEV_SECRET = "a-secret-the-dev-stack-generated-long-enough";

    @TempDir
    Path dir;

    private Path devState() throws Exception {
        Path file = dir.resolve("dev.json");
        Files.writeString(file, "{\"gatewayUrl\":\"http://localhost:3001\",\"jwtSecret\":\"" + DEV_SECRET + "\"}");
        return file;
    }

    @Test
    void shouldTakeTheSecretOfTheEnvironmentFirst() throws Exception {
        var settings = StreamerTokenSettings.resolve(Map.of("JWT_SECRET", ENV_SECRET, "JWT_ISSUER", "droppio"),
                Optional.of(devState()));

        assertThat(settings.secret()).isEqualTo(ENV_SECRET);
        assertThat(settings.issuer()).hasValue("droppio");
    }

    @Test
    void shouldTakeTheSecretOfTheRunningDevStackWhenTheEnvironmentHasNone() throws Exception {
        assertThat(StreamerTokenSettings.resolve(Map.of(), Optional.of(devState())).secret()).isEqualTo(DEV_SECRET);
    }

    @Test
    void shouldSayWhatIsMissingWithoutAnySecret() {
        assertThatThrownBy(() -> StreamerTokenSettings.resolve(Map.of(), Optional.of(dir.resolve("absent.json"))))
                .hasMessageContaining("JWT_SECRET must be set");
    }

    @Test
    void shouldMintATokenTheGatewayAccepts() throws Exception {
        var settings = StreamerTokenSettings.resolve(Map.of("JWT_AUDIENCE", "chainpulse"), Optional.of(devState()));

        String token = StreamerTokens.mint(settings, "0x" + "ab".repeat(20), StreamerTokenSettings.lifetime("1h"),
                Clock.systemUTC());

        assertThat(new JwtVerifier(settings, Clock.systemUTC()).verify(token)).isInstanceOf(JwtVerifier.Valid.class);
    }

    @Test
    void shouldReadLifetimesWithAUnit() {
        assertThat(StreamerTokenSettings.lifetime("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(StreamerTokenSettings.lifetime("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(StreamerTokenSettings.lifetime("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(StreamerTokenSettings.lifetime("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(StreamerTokenSettings.lifetime("600")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> StreamerTokenSettings.lifetime("soon")).hasMessageContaining("--ttl");
    }
}
