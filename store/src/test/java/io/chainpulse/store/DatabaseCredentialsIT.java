package io.chainpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A role whose name needs every URL escape still logs in through a postgres:// DATABASE_URL (real PostgreSQL). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatabaseCredentialsIT {

    @Test
    void shouldLogInAsARoleWhoseNameHoldsUrlSpecialCharacters() throws Exception {
        String role = "cp u&s=e@r#" + UUID.randomUUID().toString().substring(0, 8) + "+";
        try (Connection admin = DriverManager.getConnection(DatabaseSettings.DEFAULT_URL);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE \"" + role + "\" LOGIN PASSWORD 'p&ss=w@rd#1+'");
            try {
                String url = "postgres://" + URLEncoder.encode(role, StandardCharsets.UTF_8).replace("+", "%20")
                        + ":p%26ss%3Dw%40rd%231%2B@127.0.0.1:5432/postgres";
                DatabaseSettings settings = DatabaseSettings.fromEnv(Map.of("DATABASE_URL", url));

                try (Connection connection = DriverManager.getConnection(settings.jdbcUrl());
                        ResultSet current = connection.createStatement().executeQuery("SELECT current_user")) {
                    current.next();
                    assertThat(current.getString(1)).isEqualTo(role);
                }
            } finally {
                statement.execute("DROP ROLE \"" + role + "\"");
            }
        }
    }
}
