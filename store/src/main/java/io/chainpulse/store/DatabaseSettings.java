package io.chainpulse.store;

import java.net.URI;
import java.util.Map;

/**
 * Where PostgreSQL is: {@code DATABASE_URL} as a JDBC URL or a {@code postgres://user:pass@host:port/db}
 * URL, and {@code DATABASE_SCHEMA} (default {@code public}) so several stacks or tests share one server.
 */
public record DatabaseSettings(String jdbcUrl, String schema, int maxPoolSize) {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must be jdbc:postgresql://… or postgres://…, was " + jdbcUrl);
        }
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("DATABASE_SCHEMA must be a lowercase SQL identifier, was " + schema);
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("DATABASE_POOL_SIZE must be >= 1, was " + maxPoolSize);
        }
    }

    public static DatabaseSettings fromEnv(Map<String, String> env) {
        String url = toJdbcUrl(env.getOrDefault("DATABASE_URL", DEFAULT_URL));
        String schema = env.getOrDefault("DATABASE_SCHEMA", "public");
        String pool = env.getOrDefault("DATABASE_POOL_SIZE", "8");
        int poolSize;
        try {
            poolSize = Integer.parseInt(pool.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DATABASE_POOL_SIZE must be a whole number, was " + pool, e);
        }
        return new DatabaseSettings(url, schema, poolSize);
    }

    static String toJdbcUrl(String url) {
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri = URI.create(url);
            String userInfo = uri.getUserInfo();
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost())
                    .append(':').append(uri.getPort() < 0 ? 5432 : uri.getPort()).append(uri.getPath());
            String query = uri.getQuery() == null ? "" : uri.getQuery();
            if (userInfo != null) {
                String[] parts = userInfo.split(":", 2);
                query = (query.isEmpty() ? "" : query + "&") + "user=" + parts[0]
                        + (parts.length > 1 ? "&password=" + parts[1] : "");
            }
            return query.isEmpty() ? jdbc.toString() : jdbc.append('?').append(query).toString();
        }
        return url;
    }

    /** The URL with any password replaced, for logs and error messages. */
    public String redactedUrl() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    public DatabaseSettings withSchema(String otherSchema) {
        return new DatabaseSettings(jdbcUrl, otherSchema, maxPoolSize);
    }
}
