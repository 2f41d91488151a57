package io.chainpulse.gateway;

import java.util.Optional;

/** Decides whether a parsed socket request may subscribe; empty means yes. May block on the database. */
interface Authorizer {
    Optional<Refusal> refusal(SubscriptionRequest request);
}
