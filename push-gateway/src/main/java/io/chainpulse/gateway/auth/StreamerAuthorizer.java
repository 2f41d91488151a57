package io.chainpulse.gateway.auth;

import io.chainpulse.gateway.session.Authorizer;
import io.chainpulse.gateway.session.Refusal;
import io.chainpulse.gateway.session.SubscriptionRequest;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import java.util.Locale;
import java.util.Optional;

/**
 * Streamer sockets need a valid streamer JWT (see {@link JwtVerifier}) whose {@code role} is {@code creator} and whose
 * {@code walletAddress} is the wallet of the creator subscribed to. Without JWT_SECRET every streamer is refused.
 */
public final class StreamerAuthorizer implements Authorizer {
    private final Optional<JwtVerifier> verifier;
    private final CreatorRegistry creators;

    public StreamerAuthorizer(Optional<JwtVerifier> verifier, CreatorRegistry creators) {
        this.verifier = verifier;
        this.creators = creators;
    }

    @Override
    public Optional<Refusal> refusal(SubscriptionRequest request) {
        if (verifier.isEmpty()) {
            return Optional.of(Refusal.policy("streamer channel disabled: JWT_SECRET is not set"));
        }
        JwtVerifier.Result result = verifier.get().verify(request.credential());
        if (result instanceof JwtVerifier.Invalid invalid) {
            return Optional.of(Refusal.policy(invalid.reason()));
        }
        var claims = ((JwtVerifier.Valid) result).claims().getClaims();
        if (!"creator".equals(claims.get("role"))) {
            return Optional.of(Refusal.policy("token role must be creator"));
        }
        String wallet = claims.get("walletAddress") instanceof String text ? text.toLowerCase(Locale.ROOT) : "";
        Optional<Creator> creator = creators.findById(request.creatorId());
        if (creator.isEmpty() || !creator.get().walletAddress().equals(wallet)) {
            return Optional.of(Refusal.policy("token is not this creator's"));
        }
        return Optional.empty();
    }
}
