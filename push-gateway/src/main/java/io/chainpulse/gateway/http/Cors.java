package io.chainpulse.gateway.http;

import io.chainpulse.gateway.auth.OriginPolicy;
import io.javalin.http.Context;

/**
 * CORS for the HTTP routes: a page of an origin the {@link OriginPolicy} allows may read the answers and send the
 * Authorization header; with FRONTEND_URL={@code *} every page may, as {@code *} and so without credentials. An
 * allowed origin is echoed with {@code Vary: Origin}; credentials (cookies) are never allowed, since no route reads
 * them. Pages of other origins get no CORS headers, so their browser keeps the answer from them.
 */
public final class Cors {
    private static final String METHODS = "GET, POST, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type";
    private static final String MAX_AGE_SECONDS = "600";

    private final OriginPolicy origins;

    public Cors(OriginPolicy origins) {
        this.origins = origins;
    }

    /** Adds the CORS headers to an answer; run before every route but Socket.IO's, which answers CORS itself. */
    public void headers(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !origins.allows(origin, ctx.header("Host"))) {
            return;
        }
        if (origins.anyOrigin()) {
            ctx.header("Access-Control-Allow-Origin", "*");
        } else {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        }
        ctx.header("Access-Control-Expose-Headers", "Retry-After");
    }

    /** {@code OPTIONS}: 204 with what an allowed page may send, 403 for any other origin. */
    public void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !origins.allows(origin, ctx.header("Host"))) {
            ctx.status(403);
            return;
        }
        ctx.header("Access-Control-Allow-Methods", METHODS);
        ctx.header("Access-Control-Allow-Headers", HEADERS);
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        ctx.status(204);
    }
}
