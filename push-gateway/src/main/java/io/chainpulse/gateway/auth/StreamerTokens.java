package io.chainpulse.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

/**
 * Mints the streamer tokens {@link JwtVerifier} accepts: HS256 with JWT_SECRET, {@code role=creator}, the creator's
 * {@code walletAddress}, {@code iat}/{@code nbf} now, {@code exp} after the given lifetime, and {@code aud}/{@code iss}
 * when configured. What a dashboard backend signs for a logged-in creator, and what {@code creators streamer-token}
 * prints in development.
 */
public final class StreamerTokens {
    private StreamerTokens() {}

    public static String mint(JwtSettings settings, String walletAddress, Duration lifetime, Clock clock) {
        if (lifetime.compareTo(settings.maxTtl()) > 0 || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive and at most JWT_MAX_TTL ("
                    + settings.maxTtl().toSeconds() + " s), was " + lifetime.toSeconds() + " s");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("walletAddress", walletAddress.toLowerCase(Locale.ROOT))
                .claim("role", "creator")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        settings.audience().ifPresent(claims::audience);
        settings.issuer().ifPresent(claims::issuer);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(settings.secret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT_SECRET cannot sign HS256: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
