package io.chainpulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void shouldTurnAPostgresUrlIntoAJdbcUrlWithItsCredentials() {
        DatabaseSettings settings = DatabaseSettings.fromEnv(Map.of(
                "DATABASE_URL", "postgres://chainpulse:chainpulse@postgres:5432/chainpulse"));

        assertThat(settings.jdbcUrl())
                .isEqualTo("jdbc:postgresql://postgres:5432/chainpulse?user=chainpulse&password=chainpulse");
        assertThat(settings.schema()).isEqualTo("public");
        assertThat(settings.maxPoolSize()).isEqualTo(8);
    }

    @Test
    void shouldEncodeSpecialCharactersOfUserAndPasswordAsJdbcQueryValues() {
        // p&ss=w@rd#1+ percent-encoded in the URL, as URLs require
        DatabaseSettings settings = DatabaseSettings.fromEnv(Map.of(
                "DATABASE_URL", "postgresql://app%20user:p%26ss%3Dw%40rd%231+@db.internal/tips?sslmode=require"));

        assertThat(settings.jdbcUrl()).isEqualTo(
                "jdbc:postgresql://db.internal:5432/tips?sslmode=require&user=app+user&password=p%26ss%3Dw%40rd%231%2B");
        assertThat(settings.redactedUrl()).isEqualTo(
                "jdbc:postgresql://db.internal:5432/tips?sslmode=require&user=app+user&password=***");
    }

    @Test
    void shouldNeverShowThePasswordInAnError() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnv(Map.of("DATABASE_URL", "postgres://u:p@ss word@db/x")))
                .hasMessageStartingWith("DATABASE_URL is not a valid URL")
                .message().doesNotContain("ss word");
        assertThatThrownBy(() -> DatabaseSettings.fromEnv(Map.of("DATABASE_URL", "mysql://u:hunter2@db/x")))
                .message().contains("DATABASE_URL must be").doesNotContain("hunter2");
    }

    @Test
    void shouldRangeCheckThePoolSize() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnv(Map.of("DATABASE_POOL_SIZE", "4294967304")))
                .hasMessage("DATABASE_POOL_SIZE must be between 1 and 1000, was 4294967304");
    }
}
