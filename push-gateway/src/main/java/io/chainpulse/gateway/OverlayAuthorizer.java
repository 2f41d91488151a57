package io.chainpulse.gateway;

import io.chainpulse.store.OverlayTokens;
import java.util.Optional;

/** Overlay sockets need a live (not revoked) overlay token of the creator they subscribe to. */
final class OverlayAuthorizer implements Authorizer {
    private final OverlayTokens tokens;

    OverlayAuthorizer(OverlayTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<Refusal> refusal(SubscriptionRequest request) {
        return tokens.isValid(request.creatorId(), request.credential()) ? Optional.empty()
                : Optional.of(Refusal.policy("invalid or revoked overlay token"));
    }
}
