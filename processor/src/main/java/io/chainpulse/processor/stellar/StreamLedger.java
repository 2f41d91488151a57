package io.chainpulse.processor.stellar;

import io.chainpulse.processor.persist.TipLedger.Source;
import io.chainpulse.schemas.EventOrigin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Applies StellarStream events to the streams table, each at most once: the event id is claimed in
 * {@code stream_events} in the same transaction as its effect, so a replayed event finds its claim and changes
 * nothing, while a retry of the very raw record that applied it (after a crash before Kafka committed) may
 * publish again. A stream belongs to the origin of the event that created it (chain or test), and only events of
 * that origin change it, so a test event never moves a real stream. Thread-safe.
 */
public final class StreamLedger {
    private final Jdbi jdbi;

    public StreamLedger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Where an event came from: chain, RPC event id, contract, ledger and its close time, chain or test. */
    public record EventRef(String chainId, String eventId, String contractId, long ledger, long ledgerTimeMillis,
            String txHash, EventOrigin origin) {}

    /** A stream as stored. */
    public record StreamRow(String contractId, String streamId, String sender, String receiver, BigInteger total,
            BigInteger withdrawn, String status, BigInteger toSender) {}

    /** What applying an event means for publication: publish or not, with the stream after the event if known. */
    public record Applied(boolean publish, Optional<StreamRow> stream) {
        static Applied duplicate() {
            return new Applied(false, Optional.empty());
        }
    }

    private enum Claim { FIRST, RETRY_OF_SAME_RECORD, DUPLICATE }

    public Applied create(EventRef ref, StreamAction.Created created, Source source) {
        return jdbi.inTransaction(handle -> {
            Claim claim = claim(handle, ref, created.streamId(), "create", created.sender(), created.total(), source);
            if (claim == Claim.DUPLICATE) {
                return Applied.duplicate();
            }
            handle.createUpdate("""
                    INSERT INTO streams (contract_id, stream_id, contract_version, sender, receiver, token, total_amount,
                                         status, start_time, cliff_time, end_time, created_at, created_event_id,
                                         origin)
                    VALUES (:contract, :stream, :version, :sender, :receiver, :token, :total, 'ACTIVE', :start, :cliff,
                            :end, :at, :event, :origin)
                    ON CONFLICT (contract_id, stream_id) DO NOTHING
                    """)
                    .bind("contract", ref.contractId()).bind("stream", created.streamId())
                    .bind("version", created.version()).bind("sender", created.sender())
                    .bind("receiver", created.receiver()).bind("token", created.token())
                    .bind("total", new BigDecimal(created.total())).bind("start", created.startTime())
                    .bind("cliff", created.cliffTime()).bind("end", created.endTime())
                    .bind("at", time(ref)).bind("event", ref.eventId()).bind("origin", ref.origin().name())
                    .execute();
            return new Applied(true, find(handle, ref.contractId(), created.streamId(), ref.origin()));
        });
    }

    /** Raises the stream's withdrawn total (never lowers it, so order does not matter); COMPLETED when all is out. */
    public Applied claim(EventRef ref, StreamAction.Claimed claimed, Source source) {
        return jdbi.inTransaction(handle -> {
            Claim claim = claim(handle, ref, claimed.streamId(), "claim", claimed.receiver(), claimed.amount(), source);
            if (claim == Claim.DUPLICATE) {
                return Applied.duplicate();
            }
            if (claim == Claim.FIRST) {
                handle.createUpdate("""
                        UPDATE streams
                           SET withdrawn = greatest(withdrawn, :total),
                               status = CASE WHEN status = 'ACTIVE' AND greatest(withdrawn, :total) >= total_amount
                                             THEN 'COMPLETED' ELSE status END,
                               updated_at = now()
                         WHERE contract_id = :contract AND stream_id = :stream AND origin = :origin
                        """)
                        .bind("origin", ref.origin().name())
                        .bind("total", new BigDecimal(claimed.withdrawnTotal()))
                        .bind("contract", ref.contractId()).bind("stream", claimed.streamId())
                        .execute();
            }
            return new Applied(true, find(handle, ref.contractId(), claimed.streamId(), ref.origin()));
        });
    }

    public Applied cancel(EventRef ref, StreamAction.Canceled canceled, Source source) {
        return jdbi.inTransaction(handle -> {
            Claim claim = claim(handle, ref, canceled.streamId(), "cancel", canceled.caller(), canceled.toReceiver(), source);
            if (claim == Claim.DUPLICATE) {
                return Applied.duplicate();
            }
            if (claim == Claim.FIRST) {
                handle.createUpdate("""
                        UPDATE streams
                           SET status = 'CANCELED', to_receiver = :toReceiver, to_sender = :toSender,
                               canceled_at = :at, updated_at = now()
                         WHERE contract_id = :contract AND stream_id = :stream AND origin = :origin
                        """)
                        .bind("origin", ref.origin().name())
                        .bind("toReceiver", new BigDecimal(canceled.toReceiver()))
                        .bind("toSender", new BigDecimal(canceled.toSender())).bind("at", time(ref))
                        .bind("contract", ref.contractId()).bind("stream", canceled.streamId())
                        .execute();
            }
            return new Applied(true, find(handle, ref.contractId(), canceled.streamId(), ref.origin()));
        });
    }

    /** Keeps an event whose action is not interpreted; true the first time this event id is stored. */
    public boolean storeUninterpreted(EventRef ref, String action, List<String> topicsXdr, String dataXdr) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO stellar_raw_events (chain_id, event_id, contract_id, action, ledger, ledger_time,
                                                        tx_hash, topics_xdr, data_xdr, origin)
                        VALUES (:chain, :event, :contract, :action, :ledger, :at, :tx, :topics, :data, :origin)
                        ON CONFLICT (chain_id, event_id) DO NOTHING
                        RETURNING true
                        """)
                .bind("chain", ref.chainId()).bind("event", ref.eventId()).bind("contract", ref.contractId())
                .bind("action", action).bind("ledger", ref.ledger()).bind("at", time(ref)).bind("tx", ref.txHash())
                .bind("topics", topicsXdr.toArray(String[]::new)).bind("data", dataXdr)
                .bind("origin", ref.origin().name())
                .mapTo(Boolean.class).findOne().isPresent());
    }

    /** The stream of that origin, as stored. */
    public Optional<StreamRow> stream(String contractId, String streamId, EventOrigin origin) {
        return jdbi.withHandle(handle -> find(handle, contractId, streamId, origin));
    }

    private static Claim claim(Handle handle, EventRef ref, String streamId, String action, String actor,
            BigInteger amount, Source source) {
        // xmax = 0 tells a fresh insert from the no-op update that only a retry of the same raw record performs
        return handle.createQuery("""
                        INSERT INTO stream_events (chain_id, event_id, contract_id, stream_id, action, ledger, ledger_time,
                                                   tx_hash, actor, amount, source_partition, source_offset, origin)
                        VALUES (:chain, :event, :contract, :stream, :action, :ledger, :at, :tx, :actor, :amount,
                                :partition, :offset, :origin)
                        ON CONFLICT (chain_id, event_id) DO UPDATE SET source_offset = EXCLUDED.source_offset
                            WHERE stream_events.source_partition = EXCLUDED.source_partition
                              AND stream_events.source_offset = EXCLUDED.source_offset
                        RETURNING (xmax = 0) AS inserted
                        """)
                .bind("chain", ref.chainId()).bind("event", ref.eventId()).bind("contract", ref.contractId())
                .bind("stream", streamId).bind("action", action).bind("ledger", ref.ledger()).bind("at", time(ref))
                .bind("tx", ref.txHash()).bind("actor", actor).bind("amount", new BigDecimal(amount))
                .bind("partition", source.partition()).bind("offset", source.offset())
                .bind("origin", ref.origin().name())
                .mapTo(Boolean.class).findOne()
                .map(inserted -> inserted ? Claim.FIRST : Claim.RETRY_OF_SAME_RECORD)
                .orElse(Claim.DUPLICATE);
    }

    private static Optional<StreamRow> find(Handle handle, String contractId, String streamId, EventOrigin origin) {
        return handle.createQuery("""
                        SELECT contract_id, stream_id, sender, receiver, total_amount, withdrawn, status, to_sender
                          FROM streams WHERE contract_id = :contract AND stream_id = :stream AND origin = :origin
                        """)
                .bind("contract", contractId).bind("stream", streamId).bind("origin", origin.name())
                .map(StreamLedger::row).findOne();
    }

    private static StreamRow row(ResultSet rs, StatementContext context) throws SQLException {
        BigDecimal toSender = rs.getBigDecimal("to_sender");
        return new StreamRow(rs.getString("contract_id"), rs.getString("stream_id"), rs.getString("sender"),
                rs.getString("receiver"), rs.getBigDecimal("total_amount").toBigIntegerExact(),
                rs.getBigDecimal("withdrawn").toBigIntegerExact(), rs.getString("status"),
                toSender == null ? null : toSender.toBigIntegerExact());
    }

    private static Timestamp time(EventRef ref) {
        return Timestamp.from(Instant.ofEpochMilli(ref.ledgerTimeMillis()));
    }
}
