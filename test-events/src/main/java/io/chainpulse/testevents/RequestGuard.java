package io.chainpulse.testevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who may write test events: with TEST_ENDPOINTS_TOKEN set, a request with {@code Authorization: Bearer <token>}
 * (401 otherwise); without it, loopback clients only (403 otherwise). Bodies must be {@code application/json} (415),
 * so that a page on another site cannot post without a CORS preflight; each client IP is rate limited (429 with
 * Retry-After). Thread-safe.
 */
final class RequestGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<byte[]> expectedAuthorization;
    private final RequestRateLimiter limiter;

    RequestGuard(Optional<String> token, RequestRateLimiter limiter) {
        this.expectedAuthorization = token.map(value -> ("Bearer " + value).getBytes(StandardCharsets.UTF_8));
        this.limiter = limiter;
    }

    /** True when the request may go on; otherwise its refusal has been answered. */
    boolean admits(Context ctx) {
        String ip = ctx.req().getRemoteAddr();
        OptionalLong wait = limiter.tryAcquire(ip);
        if (wait.isPresent()) {
            ctx.header("Retry-After", String.valueOf(wait.getAsLong()));
            return refuse(ctx, 429, "too many test requests from " + ip + "; retry after " + wait.getAsLong() + " s");
        }
        if (expectedAuthorization.isPresent()) {
            String given = Optional.ofNullable(ctx.header("Authorization")).orElse("");
            // compared in constant time, so the answer's timing does not tell how much of a guess was right
            if (!MessageDigest.isEqual(expectedAuthorization.get(), given.getBytes(StandardCharsets.UTF_8))) {
                ctx.header("WWW-Authenticate", "Bearer");
                return refuse(ctx, 401, "test endpoints need Authorization: Bearer <TEST_ENDPOINTS_TOKEN>");
            }
        } else if (!isLoopback(ip)) {
            return refuse(ctx, 403, "test endpoints answer local clients only unless TEST_ENDPOINTS_TOKEN is set");
        }
        if (!isJson(ctx.contentType())) {
            return refuse(ctx, 415, "body must be sent as Content-Type: application/json");
        }
        return true;
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static boolean isLoopback(String ip) {
        // the servlet's remote address is a literal (IPv6 possibly in brackets): never a name to look up
        if (ip == null || !ip.matches("\\[?[0-9A-Fa-f:.%]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean refuse(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json")
                .result(JSON.createObjectNode().put("success", false).put("error", message).toString());
        return false;
    }
}
