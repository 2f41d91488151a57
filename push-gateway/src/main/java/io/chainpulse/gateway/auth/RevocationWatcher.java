package io.chainpulse.gateway.auth;

import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.Refusal;
import io.chainpulse.gateway.session.SessionRegistry;
import io.chainpulse.store.OverlayTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes open sockets whose credential stopped being valid: overlay tokens revoked since the last look (checked
 * every TOKEN_REVOCATION_CHECK_MS) and streamer JWTs that expired. Runs on the scheduler thread.
 */
public final class RevocationWatcher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final OverlayTokens tokens;
    private final Consumer<UUID> revoked;
    private final Optional<JwtVerifier> jwt;
    private final SessionRegistry registry;
    private final Clock clock;
    private Instant lastLook;

    /** @param revoked told of each creator whose tokens were revoked lately (to forget what was believed of them) */
    public RevocationWatcher(OverlayTokens tokens, Consumer<UUID> revoked, Optional<JwtVerifier> jwt,
            SessionRegistry registry, Clock clock) {
        this.tokens = tokens;
        this.revoked = revoked;
        this.jwt = jwt;
        this.registry = registry;
        this.clock = clock;
        this.lastLook = clock.instant();
    }

    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            // database and gateway clocks differ a little: look back a few seconds more than strictly needed
            for (UUID creatorId : tokens.revokedSince(lastLook.minus(OVERLAP))) {
                revoked.accept(creatorId);
                for (ClientSession session : registry.sessionsOf(creatorId.toString())) {
                    if (session.kind() == ChannelKind.OVERLAY && !tokens.isValid(creatorId, session.credential())) {
                        log.info("closing an overlay socket of creator {}: its token was revoked", creatorId);
                        session.close(Refusal.POLICY_VIOLATION, "token revoked");
                    }
                }
            }
            lastLook = now;
            jwt.ifPresent(this::closeExpiredStreamers);
        } catch (RuntimeException e) {
            log.warn("cannot check for revoked tokens: {}", e.toString());
        }
    }

    private void closeExpiredStreamers(JwtVerifier verifier) {
        for (ClientSession session : registry.sessions()) {
            if (session.kind() != ChannelKind.STREAMER) {
                continue;
            }
            // a socket lives no longer than its token: closed at exp, without the skew allowed when it opened
            JwtVerifier.Result result = verifier.verify(session.credential());
            if (result instanceof JwtVerifier.Invalid invalid) {
                session.close(Refusal.POLICY_VIOLATION, invalid.reason());
            } else if (result instanceof JwtVerifier.Valid valid && !valid.expiresAt().isAfter(clock.instant())) {
                session.close(Refusal.POLICY_VIOLATION, "token expired");
            }
        }
    }
}
