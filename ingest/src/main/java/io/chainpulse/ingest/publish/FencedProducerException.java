package io.chainpulse.ingest.publish;

import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Another ingest with the same transactional id (the same source) took over; this one must stop publishing for
 * good. Retrying cannot help: the broker refuses this producer from now on.
 */
public final class FencedProducerException extends RuntimeException {
    public FencedProducerException(String transactionalId, ProducerFencedException cause) {
        super("another ingest with transactional id " + transactionalId + " took over this source", cause);
    }
}
