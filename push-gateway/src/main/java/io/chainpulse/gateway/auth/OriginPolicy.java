package io.chainpulse.gateway.auth;

import java.util.List;

/**
 * Which browser pages may open sockets: the FRONTEND_URL allow-list, plus the gateway's own origin (it serves the
 * overlay page). A request without Origin is not from a browser page, so cross-site socket hijacking does not apply.
 */
public final class OriginPolicy {
    private final List<String> allowed;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed;
    }

    public boolean allows(String origin, String host) {
        if (origin == null || allowed.isEmpty()) {
            return true;
        }
        String normalized = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && (normalized.equals("http://" + host) || normalized.equals("https://" + host));
    }
}
