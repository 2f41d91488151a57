package io.chainpulse.gateway.auth;

import java.util.List;

/**
 * Which browser pages may open sockets and read the HTTP routes: the FRONTEND_URL allow-list plus the gateway's own
 * origin (it serves the overlay page); every origin only when FRONTEND_URL is {@code *}, an explicit opt-in. A
 * request without Origin is not from a browser page (OBS, native apps, CLIs), so cross-site socket hijacking does not
 * apply and it is let in. Immutable and thread-safe.
 */
public final class OriginPolicy {
    private final List<String> allowed;
    private final boolean anyOrigin;

    public OriginPolicy(List<String> allowed, boolean anyOrigin) {
        this.allowed = List.copyOf(allowed);
        this.anyOrigin = anyOrigin;
    }

    /** Whether a request with this Origin header (null when absent) to this Host may go on. */
    public boolean allows(String origin, String host) {
        if (origin == null || anyOrigin) {
            return true;
        }
        String normalized = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && (normalized.equals("http://" + host) || normalized.equals("https://" + host));
    }

    /** True when FRONTEND_URL is {@code *}: then CORS answers {@code *} and never allows credentials. */
    public boolean anyOrigin() {
        return anyOrigin;
    }
}
