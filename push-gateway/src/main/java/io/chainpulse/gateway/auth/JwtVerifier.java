package io.chainpulse.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies compact HS256 JWTs: the header must say HS256 (no other algorithm is ever accepted, so there is no
 * algorithm confusion), the HMAC-SHA256 signature must match in constant time, and {@code exp}/{@code nbf}, when
 * present, must hold. Thread-safe.
 *
 * <p>Written on {@code javax.crypto} rather than a JWT library: one algorithm, about sixty lines, no dependency to
 * keep patched.
 */
public final class JwtVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LEEWAY_SECONDS = 30;

    private final byte[] secret;
    private final Clock clock;

    public JwtVerifier(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** The claims of a valid token; otherwise why it is not valid. */
    sealed interface Result {}

    record Valid(JsonNode claims) implements Result {}

    record Invalid(String reason) implements Result {}

    Result verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Invalid("token is not a compact JWT");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            header = JSON.readTree(decoder.decode(parts[0]));
            claims = JSON.readTree(decoder.decode(parts[1]));
            signature = decoder.decode(parts[2]);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return new Invalid("token is not a compact JWT");
        }
        if (header == null || !"HS256".equals(header.path("alg").asText())) {
            return new Invalid("token must be signed with HS256");
        }
        byte[] expected = hmac((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            return new Invalid("token signature does not match");
        }
        if (claims == null || !claims.isObject()) {
            return new Invalid("token claims are not a JSON object");
        }
        long now = clock.instant().getEpochSecond();
        Optional<JsonNode> exp = Optional.ofNullable(claims.get("exp"));
        if (exp.isPresent() && (!exp.get().canConvertToLong() || exp.get().asLong() + LEEWAY_SECONDS < now)) {
            return new Invalid("token expired");
        }
        Optional<JsonNode> nbf = Optional.ofNullable(claims.get("nbf"));
        if (nbf.isPresent() && (!nbf.get().canConvertToLong() || nbf.get().asLong() - LEEWAY_SECONDS > now)) {
            return new Invalid("token not valid yet");
        }
        return new Valid(claims);
    }

    private byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
