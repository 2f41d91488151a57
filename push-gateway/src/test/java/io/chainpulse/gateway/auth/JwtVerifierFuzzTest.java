package io.chainpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Random strings and mutated streamer tokens thrown at {@link JwtVerifier}: every bad token gets an {@code Invalid}
 * whose reason fits a WebSocket close frame (123 bytes), no exception escapes, no accepted token is valid for longer
 * than JWT_MAX_TTL from now, and minted tokens keep being accepted.
 */
class JwtVerifierFuzzTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration MAX_TTL = Duration.ofHours(24);
    private static final JwtSettings SETTINGS = new JwtSettings(TestJwts.SECRET, MAX_TTL, Optional.of("chainpulse"),
            Optional.of("droppio"));
    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final String VALID_TOKEN = StreamerTokens.mint(SETTINGS, "0xabc", Duration.ofHours(1), CLOCK);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final JwtVerifier verifier = new JwtVerifier(SETTINGS, CLOCK);

    @Property(tries = 2000)
    void shouldRefuseAnyRandomString(@ForAll @StringLength(max = 400) String text) {
        assertRefused(text);
    }

    @Property(tries = 2000)
    void shouldRefuseThreeRandomBase64Segments(@ForAll("base64Segments") String header,
            @ForAll("base64Segments") String claims, @ForAll("base64Segments") String signature) {
        assertRefused(header + "." + claims + "." + signature);
    }

    @Property(tries = 3000)
    void shouldRefuseAValidTokenWithAnyCharacterChanged(@ForAll("positions") int position,
            @ForAll("tokenCharacters") char replacement) {
        Assume.that(VALID_TOKEN.charAt(position) != replacement);
        String mutated = VALID_TOKEN.substring(0, position) + replacement + VALID_TOKEN.substring(position + 1);
        // the last character of a base64url segment carries padding bits: some changes decode to the same bytes
        Assume.that(!sameDecodedSegments(mutated, VALID_TOKEN));

        assertRefused(mutated);
    }

    @Property(tries = 500)
    void shouldRefuseAValidTokenCutOrExtended(@ForAll("positions") int cut, @ForAll @StringLength(max = 50) String tail) {
        Assume.that(!tail.isEmpty() || cut < VALID_TOKEN.length() - 1);

        assertRefused(VALID_TOKEN.substring(0, cut) + tail);
    }

    @Property(tries = 300)
    void shouldRefuseEveryAlgorithmButHs256(@ForAll("algorithms") String algorithm, @ForAll("macs") String mac) {
        String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}";

        assertRefused(signed(mac, header, claims(",\"exp\":" + (NOW.getEpochSecond() + 60))));
        assertRefused(encoded(header) + "." + encoded(claims(",\"exp\":" + (NOW.getEpochSecond() + 60))) + ".");
    }

    @Property(tries = 500)
    void shouldRefuseAnExpiryThatIsMissingMalformedOrPast(@ForAll("badExpiries") String expiry) {
        assertRefused(signed("HmacSHA256", HS256, claims(expiry)));
    }

    @Property(tries = 1000)
    void shouldNeverAcceptATokenValidForLongerThanTheMaximumFromNow(@ForAll long issuedAt, @ForAll long expiresAt,
            @ForAll("presence") boolean withIssuedAt) {
        String token = signed("HmacSHA256", HS256, claims(",\"exp\":" + expiresAt
                + (withIssuedAt ? ",\"iat\":" + issuedAt : "")));

        assertAnswered(token);
    }

    @Property(tries = 500)
    void shouldNeverAcceptATokenNearTheMaximumFromNow(@ForAll @LongRange(min = -200_000, max = 200_000) long issuedIn,
            @ForAll @LongRange(min = -200_000, max = 200_000) long expiresIn, @ForAll("presence") boolean withIssuedAt) {
        long now = NOW.getEpochSecond();
        String token = signed("HmacSHA256", HS256, claims(",\"exp\":" + (now + expiresIn)
                + (withIssuedAt ? ",\"iat\":" + (now + issuedIn) : "")));

        assertAnswered(token);
    }

    @Property(tries = 300)
    void shouldRefuseATokenNotValidBeforeAFutureTime(
            @ForAll @LongRange(min = JwtVerifier.CLOCK_SKEW_SECONDS + 1, max = 3000) long notBeforeIn) {
        String token = signed("HmacSHA256", HS256, claims(",\"exp\":" + (NOW.getEpochSecond() + 3600) + ",\"nbf\":"
                + (NOW.getEpochSecond() + notBeforeIn)));

        assertRefused(token);
    }

    @Property(tries = 500)
    void shouldRefuseAnotherAudienceOrIssuer(@ForAll @StringLength(max = 200) String audience,
            @ForAll @StringLength(max = 200) String issuer) {
        Assume.that(!audience.equals("chainpulse") || !issuer.equals("droppio"));
        String exp = ",\"exp\":" + (NOW.getEpochSecond() + 60);
        String claims = "{\"walletAddress\":\"0xabc\",\"role\":\"creator\",\"aud\":" + json(audience) + ",\"iss\":"
                + json(issuer) + exp + "}";

        assertRefused(signed("HmacSHA256", HS256, claims));
    }

    @Property(tries = 20)
    void shouldRefuseHugeOrDeeplyNestedSegments(@ForAll("hugeOrNested") String segmentJson,
            @ForAll("presence") boolean inHeader) {
        String claims = claims(",\"exp\":" + (NOW.getEpochSecond() + 60) + ",\"x\":" + segmentJson);
        String header = "{\"alg\":\"HS256\",\"x\":" + segmentJson + "}";

        assertAnswered(inHeader ? signed("HmacSHA256", header, claims(",\"exp\":" + (NOW.getEpochSecond() + 60)))
                : signed("HmacSHA256", HS256, claims));
    }

    @Property(tries = 300)
    void shouldKeepAcceptingMintedTokens(@ForAll("wallets") String wallet,
            @ForAll @LongRange(min = 1, max = 24 * 3600) long lifetimeSeconds) {
        String token = StreamerTokens.mint(SETTINGS, wallet, Duration.ofSeconds(lifetimeSeconds), CLOCK);

        JwtVerifier.Result result = verifier.verify(token);

        assertThat(result).isInstanceOf(JwtVerifier.Valid.class);
        assertThat(((JwtVerifier.Valid) result).expiresAt()).isEqualTo(NOW.plusSeconds(lifetimeSeconds));
    }

    private void assertRefused(String token) {
        JwtVerifier.Result result = verifier.verify(token);

        assertThat(result).isInstanceOf(JwtVerifier.Invalid.class);
        assertFitsACloseFrame((JwtVerifier.Invalid) result);
    }

    /** Refused, or accepted until no later than JWT_MAX_TTL (with the clock skew) from now. */
    private void assertAnswered(String token) {
        JwtVerifier.Result result = verifier.verify(token);

        if (result instanceof JwtVerifier.Valid valid) {
            assertThat(valid.expiresAt()).isAfterOrEqualTo(NOW.minusSeconds(JwtVerifier.CLOCK_SKEW_SECONDS))
                    .isBeforeOrEqualTo(NOW.plus(MAX_TTL).plusSeconds(JwtVerifier.CLOCK_SKEW_SECONDS));
        } else {
            assertFitsACloseFrame((JwtVerifier.Invalid) result);
        }
    }

    private static void assertFitsACloseFrame(JwtVerifier.Invalid invalid) {
        assertThat(invalid.reason()).isNotBlank();
        assertThat(invalid.reason().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_CLOSE_REASON_BYTES);
    }

    private static String claims(String extra) {
        return "{\"walletAddress\":\"0xabc\",\"role\":\"creator\",\"aud\":\"chainpulse\",\"iss\":\"droppio\"" + extra
                + "}";
    }

    private static String json(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> quoted.append(c == '"' || c == '\\' || c < 0x20
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return quoted.append('"').toString();
    }

    private static String encoded(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(String mac, String header, String claims) {
        String signingInput = encoded(header) + "." + encoded(claims);
        try {
            Mac hmac = Mac.getInstance(mac);
            hmac.init(new SecretKeySpec(TestJwts.SECRET.getBytes(StandardCharsets.UTF_8), mac));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameDecodedSegments(String token, String original) {
        String[] parts = token.split("\\.", -1);
        String[] originalParts = original.split("\\.", -1);
        if (parts.length != originalParts.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[A-Za-z0-9_-]*")
                    || !Arrays.equals(new Base64URL(parts[i]).decode(), new Base64URL(originalParts[i]).decode())) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, VALID_TOKEN.length() - 1);
    }

    @Provide
    Arbitrary<Character> tokenCharacters() {
        return Arbitraries.oneOf(Arbitraries.chars().alpha().numeric().with('-', '_', '.', '=', '+', '/', '%', ' '),
                Arbitraries.chars());
    }

    @Provide
    Arbitrary<String> base64Segments() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").ofMaxLength(300),
                Arbitraries.strings().ofMaxLength(50).map(JwtVerifierFuzzTest::encoded),
                Arbitraries.of("{}", "{\"alg\":\"HS256\"}", "{\"alg\":\"none\"}", "[]", "null", "\"x\"", "{\"exp\":1}")
                        .map(JwtVerifierFuzzTest::encoded));
    }

    @Provide
    Arbitrary<String> algorithms() {
        return Arbitraries.oneOf(Arbitraries.of("none", "None", "NONE", "HS384", "HS512", "RS256", "ES256", "PS256",
                "EdDSA", "hs256", "HS256 ", "", "dir", "A128KW"), Arbitraries.strings().alpha().numeric().ofMaxLength(12)
                .filter(alg -> !alg.equals("HS256")));
    }

    @Provide
    Arbitrary<String> macs() {
        return Arbitraries.of("HmacSHA256", "HmacSHA384", "HmacSHA512");
    }

    @Provide
    Arbitrary<String> badExpiries() {
        long now = NOW.getEpochSecond();
        return Arbitraries.oneOf(
                Arbitraries.of("", ",\"exp\":null", ",\"exp\":\"tomorrow\"", ",\"exp\":[]", ",\"exp\":{}",
                        ",\"exp\":true", ",\"exp\":1e400", ",\"exp\":-1e400", ",\"exp\":NaN", ",\"exp\":" + Long.MIN_VALUE,
                        ",\"exp\":0", ",\"exp\":-0.5", ",\"exp\":99999999999999999999999999999"),
                Arbitraries.longs().between(Long.MIN_VALUE / 1000, now - JwtVerifier.CLOCK_SKEW_SECONDS - 1)
                        .map(exp -> ",\"exp\":" + exp),
                Arbitraries.strings().ofMaxLength(30).map(text -> ",\"exp\":" + json(text)));
    }

    @Provide
    Arbitrary<Boolean> presence() {
        return Arbitraries.of(true, false);
    }

    @Provide
    Arbitrary<String> hugeOrNested() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1_000, 20_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1_000, 20_000).map(depth -> "{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth)),
                Arbitraries.integers().between(100_000, 1_000_000).map(length -> "\"" + "a".repeat(length) + "\""),
                Arbitraries.integers().between(1_000, 100_000).map(digits -> "1" + "0".repeat(digits)));
    }

    @Provide
    Arbitrary<String> wallets() {
        return Combinators.combine(Arbitraries.just("0x"), Arbitraries.strings().withChars("0123456789abcdefABCDEF")
                .ofLength(40)).as(String::concat);
    }
}
