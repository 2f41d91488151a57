package io.chainpulse.gateway.auth;

import io.chainpulse.gateway.session.Authorizer;
import io.chainpulse.gateway.session.Refusal;
import io.chainpulse.gateway.session.SubscriptionRequest;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Streamer sockets need a valid streamer JWT (see {@link JwtVerifier}) whose {@code role} is {@code creator} and whose
 * {@code walletAddress} is the wallet of the creator subscribed to; so do the creator's live session routes. Without
 * JWT_SECRET every streamer is refused.
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
        return refusal(request.creatorId(), request.credential()).map(Refusal::policy);
    }

    /** Why {@code token} does not speak for the creator; empty when it does. May block on the database. */
    public Optional<String> refusal(UUID creatorId, String token) {
        if (verifier.isEmpty()) {
            return Optional.of("streamer channel disabled: JWT_SECRET is not set");
        }
        JwtVerifier.Result result = verifier.get().verify(token);
        if (result instanceof JwtVerifier.Invalid invalid) {
            return Optional.of(invalid.reason());
        }
        var claims = ((JwtVerifier.Valid) result).claims().getClaims();
        if (!"creator".equals(claims.get("role"))) {
            return Optional.of("token role must be creator");
        }
        String wallet = claims.get("walletAddress") instanceof String text ? text.toLowerCase(Locale.ROOT) : "";
        Optional<Creator> creator = creators.findById(creatorId);
        if (creator.isEmpty() || !creator.get().walletAddress().equals(wallet)) {
            return Optional.of("token is not this creator's");
        }
        return Optional.empty();
    }
}
