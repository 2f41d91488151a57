package io.chainpulse.gateway.auth;

import io.chainpulse.gateway.session.Authorizer;
import io.chainpulse.gateway.session.Refusal;
import io.chainpulse.gateway.session.SubscriptionRequest;
import io.chainpulse.store.OverlayTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Overlay sockets need a live (not revoked) overlay token of the creator they subscribe to. A token found live is
 * remembered for one revocation check interval, so that a wave of reconnects (every overlay of a creator shares its
 * token) asks the database once per token, not once per socket. That does not let a revoked token in for longer
 * than before: {@link RevocationWatcher} forgets the creators whose tokens it sees revoked, and it closes sockets
 * opened with a revoked token on each of its looks, which overlap by seconds. Refusals are never remembered.
 * Thread-safe.
 */
public final class OverlayAuthorizer implements Authorizer {
    private final OverlayTokens tokens;
    private final Clock clock;
    private final long rememberMillis;
    /** Live tokens seen lately: token to (creator, until when it is believed). */
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    private record Live(UUID creatorId, long untilMillis) {}

    public OverlayAuthorizer(OverlayTokens tokens, Duration remember, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        this.rememberMillis = remember.toMillis();
    }

    @Override
    public Optional<Refusal> refusal(SubscriptionRequest request) {
        UUID creatorId = request.creatorId();
        String token = request.credential();
        long now = clock.millis();
        Live known = token == null ? null : live.get(token);
        if (known != null && known.creatorId().equals(creatorId) && known.untilMillis() > now) {
            return Optional.empty();
        }
        if (!tokens.isValid(creatorId, token)) {
            return Optional.of(Refusal.policy("invalid or revoked overlay token"));
        }
        live.put(token, new Live(creatorId, now + rememberMillis));
        return Optional.empty();
    }

    /** Forgets the live tokens of a creator whose tokens were revoked. */
    public void forget(UUID creatorId) {
        live.values().removeIf(entry -> entry.creatorId().equals(creatorId));
    }

    /** Drops what is no longer believed; called now and then. */
    public void forgetExpired() {
        long now = clock.millis();
        live.values().removeIf(entry -> entry.untilMillis() <= now);
    }
}
