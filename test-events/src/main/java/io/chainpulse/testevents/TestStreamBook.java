package io.chainpulse.testevents;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * What a withdrawal or cancellation needs to know about a stream (its sender, receiver and what was withdrawn):
 * first the streams created through the test endpoint, then the processor's {@code streams} table. Thread-safe.
 */
final class TestStreamBook {
    record KnownStream(String sender, String receiver, BigInteger withdrawn) {}

    private final String contractId;
    private final Jdbi jdbi;
    private final Map<String, KnownStream> created = new ConcurrentHashMap<>();

    TestStreamBook(String contractId, Jdbi jdbi) {
        this.contractId = contractId;
        this.jdbi = jdbi;
    }

    void created(String streamId, String sender, String receiver) {
        created.put(streamId, new KnownStream(sender, receiver, BigInteger.ZERO));
    }

    /** Adds a withdrawal and returns the new total withdrawn, or empty for an unknown stream. */
    Optional<BigInteger> withdrawn(String streamId, BigInteger amount) {
        Optional<KnownStream> stream = find(streamId);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        KnownStream updated = created.merge(streamId,
                new KnownStream(stream.get().sender(), stream.get().receiver(), stream.get().withdrawn().add(amount)),
                (old, fresh) -> new KnownStream(old.sender(), old.receiver(), old.withdrawn().add(amount)));
        return Optional.of(updated.withdrawn());
    }

    Optional<KnownStream> find(String streamId) {
        KnownStream known = created.get(streamId);
        return known != null ? Optional.of(known) : stored(streamId);
    }

    private Optional<KnownStream> stored(String streamId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT sender, receiver, withdrawn::text AS withdrawn
                        FROM streams
                        WHERE contract_id = :contractId AND stream_id = :streamId
                        """)
                .bind("contractId", contractId)
                .bind("streamId", streamId)
                .map((rows, context) -> new KnownStream(rows.getString("sender"), rows.getString("receiver"),
                        new BigInteger(rows.getString("withdrawn"))))
                .findOne());
    }
}
