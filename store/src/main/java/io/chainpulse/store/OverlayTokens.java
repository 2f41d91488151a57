package io.chainpulse.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues, checks and revokes overlay access tokens. A token is 32 random bytes shown once; only its
 * SHA-256 hash is stored, so a database leak does not leak working tokens. Thread-safe.
 */
public final class OverlayTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Jdbi jdbi;

    public OverlayTokens(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Issues a new token for the creator and returns it; it cannot be read back later. */
    public String issue(UUID creatorId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbi.useHandle(handle -> handle.createUpdate(
                        "INSERT INTO overlays (creator_id, token_hash) VALUES (:creator, :hash)")
                .bind("creator", creatorId).bind("hash", hash(token)).execute());
        return token;
    }

    /** True when the token is a live (not revoked) token of this creator. */
    public boolean isValid(UUID creatorId, String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return false;
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM overlays
                        WHERE creator_id = :creator AND token_hash = :hash AND revoked_at IS NULL
                        """)
                .bind("creator", creatorId).bind("hash", hash(token)).mapTo(Long.class).one()) > 0;
    }

    /** Revokes every live token of the creator; returns how many were revoked. */
    public int revokeAll(UUID creatorId) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE overlays SET revoked_at = now() WHERE creator_id = :creator AND revoked_at IS NULL")
                .bind("creator", creatorId).execute());
    }

    /** Revokes one token; returns false when it was unknown or already revoked. */
    public boolean revoke(String token) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE overlays SET revoked_at = now() WHERE token_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash(token)).execute()) > 0;
    }

    /** Creators whose tokens were revoked since the given instant, for closing their open sockets. */
    public List<UUID> revokedSince(Instant since) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT creator_id FROM overlays WHERE revoked_at >= :since")
                .bind("since", Timestamp.from(since)).mapTo(UUID.class).list());
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
