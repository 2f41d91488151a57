package io.chainpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final JwtSettings SETTINGS = new JwtSettings(TestJwts.SECRET, Duration.ofHours(24), Optional.empty(),
            Optional.empty());
    private final JwtVerifier verifier = new JwtVerifier(SETTINGS, CLOCK);

    @Test
    void shouldAcceptATokenSignedWithTheSecret() {
        String token = TestJwts.creatorToken(TestJwts.SECRET, "0xabc", NOW.getEpochSecond() + 60);

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Valid.class);
    }

    @Test
    void shouldAcceptWhatStreamerTokensMints() {
        String token = StreamerTokens.mint(SETTINGS, "0xABC", Duration.ofHours(1), CLOCK);

        var claims = ((JwtVerifier.Valid) verifier.verify(token)).claims().getClaims();
        assertThat(claims).containsEntry("walletAddress", "0xabc").containsEntry("role", "creator");
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecret() {
        String token = TestJwts.creatorToken(TestJwts.SECRET + "x", "0xabc", NOW.getEpochSecond() + 60);

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        String token = TestJwts.creatorToken(TestJwts.SECRET, "0xabc", NOW.getEpochSecond() - 3600);

        assertThat(verifier.verify(token)).isEqualTo(new JwtVerifier.Invalid("token expired"));
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() {
        String token = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"walletAddress\":\"0xabc\",\"role\":\"creator\"}");

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldRefuseATokenLivingLongerThanTheMaximum() {
        String token = TestJwts.creatorToken(TestJwts.SECRET, "0xabc", NOW.getEpochSecond() + 25 * 3600);

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldRefuseATokenNotValidYet() {
        String token = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS256\"}", "{\"role\":\"creator\",\"exp\":"
                + (NOW.getEpochSecond() + 7200) + ",\"nbf\":" + (NOW.getEpochSecond() + 3600) + "}");

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldRefuseAnUnsignedTokenWhateverItsClaims() {
        String token = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"none\"}",
                "{\"role\":\"creator\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}");
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Invalid.class);
        assertThat(verifier.verify(unsigned)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldRefuseAnotherHmacAlgorithm() {
        String token = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS512\"}",
                "{\"role\":\"creator\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}");

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldCheckAudienceAndIssuerWhenConfigured() {
        JwtSettings strict = new JwtSettings(TestJwts.SECRET, Duration.ofHours(24), Optional.of("chainpulse"),
                Optional.of("droppio"));
        JwtVerifier strictVerifier = new JwtVerifier(strict, CLOCK);

        assertThat(strictVerifier.verify(StreamerTokens.mint(strict, "0xabc", Duration.ofHours(1), CLOCK)))
                .isInstanceOf(JwtVerifier.Valid.class);
        assertThat(strictVerifier.verify(StreamerTokens.mint(SETTINGS, "0xabc", Duration.ofHours(1), CLOCK)))
                .isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldRefuseATokenWhoseHeaderIsJsonNullWithoutThrowing() {
        String token = "bnVsbA.e30.";

        assertThat(verifier.verify(token)).isEqualTo(new JwtVerifier.Invalid("token is not a compact JWT"));
    }

    @Test
    void shouldRefuseATokenWhoseExpIsNullWithoutThrowing() {
        String token = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS256\"}", "{\"role\":\"creator\",\"exp\":null}");

        assertThat(verifier.verify(token)).isEqualTo(new JwtVerifier.Invalid("token has no exp"));
    }

    @Test
    void shouldRefuseATokenIssuedInTheFutureThatOutlivesTheMaximumFromNow() {
        long tenYears = Duration.ofDays(3650).toSeconds();
        String afterExpiry = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS256\"}", "{\"role\":\"creator\",\"exp\":"
                + (NOW.getEpochSecond() + tenYears) + ",\"iat\":" + (NOW.getEpochSecond() + 2 * tenYears) + "}");
        String anHourBeforeExpiry = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS256\"}", "{\"role\":\"creator\",\"exp\":"
                + (NOW.getEpochSecond() + tenYears) + ",\"iat\":" + (NOW.getEpochSecond() + tenYears - 3600) + "}");

        assertThat(verifier.verify(afterExpiry)).isInstanceOf(JwtVerifier.Invalid.class);
        assertThat(verifier.verify(anHourBeforeExpiry)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void shouldRefuseGarbage() {
        assertThat(verifier.verify("not.a.jwt")).isInstanceOf(JwtVerifier.Invalid.class);
        assertThat(verifier.verify("garbage")).isInstanceOf(JwtVerifier.Invalid.class);
        assertThat(verifier.verify("")).isInstanceOf(JwtVerifier.Invalid.class);
    }
}
