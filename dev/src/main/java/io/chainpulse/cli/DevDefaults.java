package io.chainpulse.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.stellar.sdk.StrKey;

/**
 * Settings the dev stack fills in when they are not given, so every feature works on a plain {@code ./chainpulse dev}:
 * a StellarStream contract id for the test endpoints, any browser origin, and a JWT secret kept across restarts.
 */
final class DevDefaults {
    /** The dev StellarStream contract: the same valid {@code C…} id on every machine (a hash, not a deployed contract). */
    static final String STELLAR_CONTRACT_ID = StrKey.encodeContract(sha256("chainpulse dev StellarStream contract"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevDefaults() {}

    /**
     * Fills in STELLARSTREAM_CONTRACT_IDS (unless a real Soroban RPC is followed: then the user names the contracts),
     * FRONTEND_URL ({@code *}) and JWT_SECRET (the one a previous dev generated, else a new one).
     */
    static void apply(Map<String, String> env, Optional<DevState> previous) {
        if (!env.containsKey("STELLARSTREAM_CONTRACT_IDS") && !env.containsKey("SOROBAN_RPC_URL")) {
            env.put("STELLARSTREAM_CONTRACT_IDS", STELLAR_CONTRACT_ID);
        }
        env.putIfAbsent("FRONTEND_URL", "*");
        if (!env.containsKey("JWT_SECRET")) {
            env.put("JWT_SECRET", previous.map(DevState::jwtSecret).filter(secret -> secret.length() >= 32)
                    .orElseGet(DevDefaults::newSecret));
        }
    }

    /** 32 random bytes, base64url: 43 characters, more than HS256's 32-character minimum. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
