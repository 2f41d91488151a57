package io.chainpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final JwtVerifier verifier = new JwtVerifier(TestJwts.SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAcceptATokenSignedWithTheSecret() {
        String token = TestJwts.creatorToken(TestJwts.SECRET, "0xabc", NOW.getEpochSecond() + 60);

        assertThat(verifier.verify(token)).isInstanceOf(JwtVerifier.Valid.class);
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecret() {
        String token = TestJwts.creatorToken(TestJwts.SECRET + "x", "0xabc", NOW.getEpochSecond() + 60);

        assertThat(verifier.verify(token)).isEqualTo(new JwtVerifier.Invalid("token signature does not match"));
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        String token = TestJwts.creatorToken(TestJwts.SECRET, "0xabc", NOW.getEpochSecond() - 3600);

        assertThat(verifier.verify(token)).isEqualTo(new JwtVerifier.Invalid("token expired"));
    }

    @Test
    void shouldRefuseAnUnsignedTokenWhateverItsClaims() {
        String token = TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"none\"}", "{\"role\":\"creator\"}");

        assertThat(verifier.verify(token)).isEqualTo(new JwtVerifier.Invalid("token must be signed with HS256"));
    }

    @Test
    void shouldRefuseGarbage() {
        assertThat(verifier.verify("not.a.jwt")).isInstanceOf(JwtVerifier.Invalid.class);
        assertThat(verifier.verify("garbage")).isInstanceOf(JwtVerifier.Invalid.class);
    }
}
