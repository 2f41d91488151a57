package io.chainpulse.gateway.session;

import java.util.Optional;

/** Decides whether a parsed socket request may subscribe; empty means yes. May block on the database. */
public interface Authorizer {
    Optional<Refusal> refusal(SubscriptionRequest request);
}
