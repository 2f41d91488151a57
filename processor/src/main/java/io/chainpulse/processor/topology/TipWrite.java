package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.TipLedger;

/** What writing one pending tip did: stored (to publish), a copy of a published log, or refused for good. */
sealed interface TipWrite {

    record Persisted(TipLedger.TipOutcome outcome) implements TipWrite {}

    record AlreadyPublished() implements TipWrite {}

    /** PostgreSQL refused the row itself (not a passing outage); {@code detail} says why. */
    record Refused(String detail) implements TipWrite {}
}
