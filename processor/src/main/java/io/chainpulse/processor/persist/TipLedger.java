package io.chainpulse.processor.persist;

import io.chainpulse.schemas.EventOrigin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes tips and withdrawals to PostgreSQL idempotently, keyed by (chain, txHash, logIndex), and reports what
 * the write means for publication. Creates the tipper as a viewer on first tip, race-free through
 * {@code ON CONFLICT}. Thread-safe.
 */
public final class TipLedger {
    private final Jdbi jdbi;

    public TipLedger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The batch writer over the same database. */
    public TipBatchWriter batchWriter() {
        return new TipBatchWriter(jdbi);
    }

    /** Where a row came from in the raw topic; a retry of the same source record may publish again. */
    public record Source(int partition, long offset) {}

    public record LogId(String chainId, String txHash, int logIndex) {}

    public record TipRow(LogId id, String contract, long blockNumber, String blockHash, long blockTimeMillis,
            String fromWallet, String toWallet, BigInteger amountWei, String sessionId, Source source,
            EventOrigin origin) {}

    /**
     * What a tip write did. {@code publish} is true for a first write, a retry of the record that first wrote
     * it, or a tip that came back after a reorg; false for a copy of an already published log.
     */
    public record TipOutcome(Optional<UUID> creatorId, String tipMode, boolean publish) {}

    /** A reverted tip as stored, for the TIP_REVERTED event. */
    public record StoredTip(Optional<UUID> creatorId, String fromWallet, String toWallet, BigInteger amountWei,
            String sessionId, String tipMode, long blockNumber, long blockTimeMillis) {}

    /**
     * Marks the tip of that origin reverted (idempotent) and returns it; empty when no such tip was ever stored. The
     * first revert of a chain tip takes the amount off the wallet's balance in the same statement; a repeated one
     * changes nothing, nor does a test tip's.
     */
    public Optional<StoredTip> revertTip(LogId id, EventOrigin origin) {
        return jdbi.inTransaction(handle -> handle.createQuery("""
                        WITH prior AS (
                            SELECT id, reverted_at IS NULL AS was_live FROM tips
                            WHERE chain_id = :chain AND tx_hash = :tx AND log_index = :idx AND origin = :origin
                        ), reverted AS (
                            UPDATE tips SET reverted_at = coalesce(reverted_at, now())
                            WHERE chain_id = :chain AND tx_hash = :tx AND log_index = :idx AND origin = :origin
                            RETURNING id, creator_id, from_wallet, to_wallet, amount_wei, session_id, tip_mode,
                                      block_number, block_time, origin
                        ), moved AS (
                            INSERT INTO wallet_balances (wallet_address, balance_wei)
                            SELECT r.to_wallet, -r.amount_wei FROM reverted r JOIN prior p ON p.id = r.id
                            WHERE p.was_live AND r.origin = 'CHAIN'
                            ON CONFLICT (wallet_address) DO UPDATE
                                SET balance_wei = wallet_balances.balance_wei + EXCLUDED.balance_wei
                            RETURNING wallet_address
                        )
                        SELECT r.*, (SELECT count(*) FROM moved) AS moved FROM reverted r
                        """)
                .bind("chain", id.chainId()).bind("tx", id.txHash()).bind("idx", id.logIndex())
                .bind("origin", origin.name())
                .map((rs, ctx) -> new StoredTip(
                        Optional.ofNullable(rs.getObject("creator_id", UUID.class)),
                        rs.getString("from_wallet"), rs.getString("to_wallet"),
                        rs.getBigDecimal("amount_wei").toBigIntegerExact(), rs.getString("session_id"),
                        rs.getString("tip_mode"), rs.getLong("block_number"),
                        rs.getTimestamp("block_time").getTime()))
                .findOne());
    }

    public record WithdrawRow(LogId id, String contract, long blockNumber, String blockHash, long blockTimeMillis,
            String creatorWallet, BigInteger amountWei, Source source, EventOrigin origin) {}

    /**
     * Stores the withdrawal; true when this write should be published (see {@link TipOutcome#publish()}). A first
     * write (or one back from a reorg) of a chain withdrawal takes the amount off the wallet's balance in the same
     * statement; a test withdrawal never does, and a row is only ever updated by a write of its own origin.
     */
    public boolean recordWithdraw(WithdrawRow row) {
        return jdbi.inTransaction(handle -> handle.createQuery("""
                        WITH prior AS (
                            SELECT reverted_at IS NOT NULL AS was_reverted FROM withdrawals
                            WHERE chain_id = :chain AND tx_hash = :tx AND log_index = :idx
                        ), written AS (
                            INSERT INTO withdrawals (chain_id, tx_hash, log_index, contract_address, block_number,
                                                     block_hash, block_time, creator_wallet, amount_wei,
                                                     source_partition, source_offset, origin)
                            VALUES (:chain, :tx, :idx, :contract, :block, :blockHash, :blockTime, :wallet, :amount,
                                    :partition, :offset, :origin)
                            ON CONFLICT (chain_id, tx_hash, log_index) DO UPDATE
                                SET reverted_at = NULL, source_partition = EXCLUDED.source_partition,
                                    source_offset = EXCLUDED.source_offset
                                WHERE withdrawals.origin = EXCLUDED.origin
                                  AND (withdrawals.reverted_at IS NOT NULL
                                       OR (withdrawals.source_partition = EXCLUDED.source_partition
                                           AND withdrawals.source_offset = EXCLUDED.source_offset))
                            RETURNING creator_wallet, amount_wei, origin
                        ), moved AS (
                            INSERT INTO wallet_balances (wallet_address, balance_wei)
                            SELECT creator_wallet, -amount_wei FROM written
                            WHERE origin = 'CHAIN'
                              AND (NOT EXISTS (SELECT 1 FROM prior) OR (SELECT was_reverted FROM prior))
                            ON CONFLICT (wallet_address) DO UPDATE
                                SET balance_wei = wallet_balances.balance_wei + EXCLUDED.balance_wei
                            RETURNING wallet_address
                        )
                        SELECT (SELECT count(*) FROM written) > 0
                        """)
                .bind("chain", row.id().chainId()).bind("tx", row.id().txHash()).bind("idx", row.id().logIndex())
                .bind("contract", row.contract()).bind("block", row.blockNumber()).bind("blockHash", row.blockHash())
                .bind("blockTime", Timestamp.from(Instant.ofEpochMilli(row.blockTimeMillis())))
                .bind("wallet", row.creatorWallet()).bind("amount", new BigDecimal(row.amountWei()))
                .bind("partition", row.source().partition()).bind("offset", row.source().offset())
                .bind("origin", row.origin().name())
                .mapTo(Boolean.class).one());
    }

    /**
     * Marks the withdrawal of that origin reverted and gives a chain withdrawal's amount back to the balance once;
     * returns the creator wallet.
     */
    public Optional<String> revertWithdraw(LogId id, EventOrigin origin) {
        return jdbi.inTransaction(handle -> handle.createQuery("""
                        WITH prior AS (
                            SELECT reverted_at IS NULL AS was_live FROM withdrawals
                            WHERE chain_id = :chain AND tx_hash = :tx AND log_index = :idx AND origin = :origin
                        ), reverted AS (
                            UPDATE withdrawals SET reverted_at = coalesce(reverted_at, now())
                            WHERE chain_id = :chain AND tx_hash = :tx AND log_index = :idx AND origin = :origin
                            RETURNING creator_wallet, amount_wei, origin
                        ), moved AS (
                            INSERT INTO wallet_balances (wallet_address, balance_wei)
                            SELECT creator_wallet, amount_wei FROM reverted
                            WHERE origin = 'CHAIN' AND (SELECT was_live FROM prior)
                            ON CONFLICT (wallet_address) DO UPDATE
                                SET balance_wei = wallet_balances.balance_wei + EXCLUDED.balance_wei
                            RETURNING wallet_address
                        )
                        SELECT creator_wallet FROM reverted
                        """)
                .bind("chain", id.chainId()).bind("tx", id.txHash()).bind("idx", id.logIndex())
                .bind("origin", origin.name())
                .mapTo(String.class).findOne());
    }

    /** Tips received minus withdrawals, reverted rows excluded, in wei: the running balance. */
    public BigInteger balanceOf(String wallet) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT balance_wei FROM wallet_balances WHERE wallet_address = :wallet")
                .bind("wallet", wallet).mapTo(BigDecimal.class).findOne()
                .map(BigDecimal::toBigIntegerExact).orElse(BigInteger.ZERO));
    }

    public Optional<UUID> creatorOf(String wallet) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT creator_id FROM creators WHERE wallet_address = :wallet")
                .bind("wallet", wallet).mapTo(UUID.class).findOne());
    }

    private static UUID viewerId(Handle handle, String wallet) {
        return handle.createQuery("""
                        WITH inserted AS (
                            INSERT INTO users (wallet_address, role) VALUES (:wallet, 'viewer')
                            ON CONFLICT (wallet_address) DO NOTHING
                            RETURNING id)
                        SELECT id FROM inserted
                        UNION ALL
                        SELECT id FROM users WHERE wallet_address = :wallet
                        LIMIT 1
                        """)
                .bind("wallet", wallet).mapTo(UUID.class).one();
    }
}
