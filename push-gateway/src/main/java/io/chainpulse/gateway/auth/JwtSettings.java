package io.chainpulse.gateway.auth;

import io.chainpulse.schemas.settings.EnvReader;
import java.time.Duration;
import java.util.Optional;

/**
 * What a streamer token must be: signed with {@code secret} (HS256), not longer-lived than {@code maxTtl}, and for
 * {@code audience} and from {@code issuer} when those are set.
 *
 * @param secret JWT_SECRET: the HS256 key, at least 32 characters (256 bits, as RFC 7518 asks of an HS256 key)
 * @param maxTtl JWT_MAX_TTL: longest lifetime in seconds (default 86400, one day) ({@code exp} minus {@code iat}, or minus now when {@code iat} is missing or ahead of now)
 * @param audience JWT_AUDIENCE: the {@code aud} a token must name, when set
 * @param issuer JWT_ISSUER: the {@code iss} a token must carry, when set
 */
public record JwtSettings(String secret, Duration maxTtl, Optional<String> audience, Optional<String> issuer) {
    public static final int MIN_SECRET_CHARS = 32;

    public JwtSettings {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_SECRET_CHARS
                    + " characters for HS256, was " + (secret == null ? 0 : secret.length()) + " characters");
        }
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("JWT_MAX_TTL must be positive, was " + maxTtl.toSeconds());
        }
    }

    /** The settings when JWT_SECRET is set; empty (the streamer channel refuses everyone) when it is not. */
    public static Optional<JwtSettings> fromEnv(EnvReader reader) {
        return reader.optional("JWT_SECRET").map(secret -> new JwtSettings(secret,
                Duration.ofSeconds(reader.longValue("JWT_MAX_TTL", Duration.ofDays(1).toSeconds(), 60,
                        Duration.ofDays(365).toSeconds())),
                reader.optional("JWT_AUDIENCE"), reader.optional("JWT_ISSUER")));
    }
}
