package io.chainpulse.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 tokens as the dashboard backend signs them. */
public final class TestJwts {
    public static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    private TestJwts() {}

    public static String creatorToken(String secret, String wallet, long expiresAtEpochSecond) {
        return sign(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"walletAddress\":\"" + wallet + "\",\"role\":\"creator\",\"exp\":" + expiresAtEpochSecond + "}");
    }

    public static String sign(String secret, String header, String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String signingInput = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + encoder.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
