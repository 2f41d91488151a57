package io.chainpulse.store;

import io.chainpulse.schemas.settings.EnvReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where PostgreSQL is: {@code DATABASE_URL} as a JDBC URL or a {@code postgres://user:pass@host:port/db}
 * URL, and {@code DATABASE_SCHEMA} (default {@code public}) so several stacks or tests share one server. User and
 * password of a {@code postgres://} URL (percent-encoded there, as URLs require) are encoded again as JDBC query
 * values, so {@code &}, {@code =}, {@code @} or {@code #} in a password reach PostgreSQL intact; no message
 * shows the password.
 */
public record DatabaseSettings(String jdbcUrl, String schema, int maxPoolSize) {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must be jdbc:postgresql://… or postgres://…, was " + redact(jdbcUrl));
        }
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("DATABASE_SCHEMA must be a lowercase SQL identifier, was " + schema);
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("DATABASE_POOL_SIZE must be >= 1, was " + maxPoolSize);
        }
    }

    public static DatabaseSettings fromEnv(Map<String, String> env) {
        return fromEnv(new EnvReader(env));
    }

    public static DatabaseSettings fromEnv(EnvReader env) {
        return new DatabaseSettings(toJdbcUrl(env.text("DATABASE_URL", DEFAULT_URL)), env.text("DATABASE_SCHEMA", "public"),
                env.intValue("DATABASE_POOL_SIZE", 8, 1, 1_000));
    }

    static String toJdbcUrl(String url) {
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            return url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // the parser's message quotes the whole URL, password included
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL at index " + e.getIndex()
                    + " (percent-encode special characters of user and password, e.g. @ as %40)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL names no host, was " + redact(url));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost())
                .append(':').append(uri.getPort() < 0 ? 5432 : uri.getPort())
                .append(uri.getRawPath() == null ? "" : uri.getRawPath());
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            query = (query.isEmpty() ? "" : query + "&") + "user=" + reencode(parts[0])
                    + (parts.length > 1 ? "&password=" + reencode(parts[1]) : "");
        }
        return query.isEmpty() ? jdbc.toString() : jdbc.append('?').append(query).toString();
    }

    /** A percent-encoded URL part as a JDBC query value, which the PostgreSQL driver form-decodes. */
    private static String reencode(String rawPart) {
        String plain = URLDecoder.decode(rawPart.replace("+", "%2B"), StandardCharsets.UTF_8);
        return URLEncoder.encode(plain, StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced, for logs and error messages. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    private static String redact(String url) {
        return url == null ? null : url.replaceAll("password=[^&]*", "password=***").replaceAll("(?<=://)[^/@]*@", "***@");
    }

    public DatabaseSettings withSchema(String otherSchema) {
        return new DatabaseSettings(jdbcUrl, otherSchema, maxPoolSize);
    }
}
