package io.chainpulse.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies streamer JWTs with nimbus-jose-jwt: HS256 only (a token of any other algorithm, {@code none} included, is
 * refused before its claims are read), the signature of JWT_SECRET, {@code exp} required and not past, {@code nbf}
 * not ahead, a lifetime of at most JWT_MAX_TTL, and {@code aud}/{@code iss} when JWT_AUDIENCE/JWT_ISSUER are set.
 * Clocks may differ by {@value #CLOCK_SKEW_SECONDS} s. Thread-safe.
 */
public final class JwtVerifier {
    static final int CLOCK_SKEW_SECONDS = 30;

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Duration maxTtl;
    private final Clock clock;

    public JwtVerifier(JwtSettings settings, Clock clock) {
        this.maxTtl = settings.maxTtl();
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(settings.secret().getBytes(StandardCharsets.UTF_8))));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        settings.issuer().ifPresent(exact::issuer);
        Set<String> required = new HashSet<>(Set.of("exp"));
        settings.audience().ifPresent(audience -> required.add("aud"));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience().map(Set::of).orElse(null), exact.build(), required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The claims of a valid token; otherwise why it is not valid. */
    public sealed interface Result {}

    /** A valid token's claims, and when it stops being valid. */
    public record Valid(JWTClaimsSet claims, Instant expiresAt) implements Result {}

    /** Why a token is refused, short enough for a WebSocket close reason. */
    public record Invalid(String reason) implements Result {}

    public Result verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            return new Invalid(e.getMessage().contains("Expired") ? "token expired" : "token claims refused: "
                    + shortened(e.getMessage()));
        } catch (ParseException e) {
            return new Invalid("token is not a compact JWT");
        } catch (BadJOSEException | JOSEException e) {
            return new Invalid("token refused: " + shortened(e.getMessage()));
        } catch (RuntimeException e) {
            // nimbus-jose-jwt throws NullPointerException for some malformed tokens (a header that is JSON null)
            return new Invalid("token is not a compact JWT");
        }
        if (claims.getExpirationTime() == null) {
            // "exp": null passes the required-claims check
            return new Invalid("token has no exp");
        }
        Instant expiresAt = claims.getExpirationTime().toInstant();
        // an iat ahead of now (even after exp) must not stretch the lifetime: count from now then
        Instant now = clock.instant();
        Instant issuedAt = claims.getIssueTime() == null || claims.getIssueTime().toInstant().isAfter(now) ? now
                : claims.getIssueTime().toInstant();
        if (Duration.between(issuedAt, expiresAt).compareTo(maxTtl.plusSeconds(CLOCK_SKEW_SECONDS)) > 0) {
            return new Invalid("token lifetime exceeds JWT_MAX_TTL of " + maxTtl.toSeconds() + " s");
        }
        return new Valid(claims, expiresAt);
    }

    /** Close reasons are at most 123 bytes. */
    private static String shortened(String message) {
        String text = message == null ? "invalid" : message;
        return text.length() > 80 ? text.substring(0, 80) : text;
    }
}
