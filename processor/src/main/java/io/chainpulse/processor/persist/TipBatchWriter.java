package io.chainpulse.processor.persist;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes a batch of tips in one transaction and a handful of statements, whatever the batch size: viewers are
 * created with one {@code INSERT … SELECT unnest}, tips inserted with one statement that maps wallets to
 * creators and live sessions, and {@code ON CONFLICT} keeps it idempotent. Thread-safe.
 */
public final class TipBatchWriter {
    private final Jdbi jdbi;

    public TipBatchWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * What a batch write did: per input row, in input order, the outcome (empty when the row is a copy of an
     * already published log), and the new balance of every wallet the written rows went to.
     */
    public record BatchResult(List<Optional<TipLedger.TipOutcome>> outcomes, Map<String, BigInteger> balances) {}

    public BatchResult write(List<TipLedger.TipRow> rows) {
        if (rows.isEmpty()) {
            return new BatchResult(List.of(), Map.of());
        }
        int size = rows.size();
        String[] chains = new String[size];
        String[] txs = new String[size];
        Integer[] indexes = new Integer[size];
        String[] contracts = new String[size];
        Long[] blocks = new Long[size];
        String[] blockHashes = new String[size];
        Long[] blockTimes = new Long[size];
        String[] froms = new String[size];
        String[] tos = new String[size];
        String[] amounts = new String[size];
        String[] sessions = new String[size];
        Integer[] partitions = new Integer[size];
        Long[] offsets = new Long[size];
        String[] origins = new String[size];
        for (int i = 0; i < size; i++) {
            TipLedger.TipRow row = rows.get(i);
            chains[i] = row.id().chainId();
            txs[i] = row.id().txHash();
            indexes[i] = row.id().logIndex();
            contracts[i] = row.contract();
            blocks[i] = row.blockNumber();
            blockHashes[i] = row.blockHash();
            blockTimes[i] = row.blockTimeMillis();
            froms[i] = row.fromWallet();
            tos[i] = row.toWallet();
            amounts[i] = row.amountWei().toString();
            sessions[i] = row.sessionId();
            partitions[i] = row.source().partition();
            offsets[i] = row.source().offset();
            origins[i] = row.origin().name();
        }
        Map<String, TipLedger.TipOutcome> written = new HashMap<>();
        Map<String, BigInteger> balances = new HashMap<>();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                    INSERT INTO users (wallet_address, role)
                    SELECT DISTINCT wallet, 'viewer' FROM unnest(:froms) AS wallet
                    ON CONFLICT (wallet_address) DO NOTHING
                    """).bind("froms", froms).execute();
            // one statement: insert the tips, then move the balance of each wallet by the chain tips that count anew
            // (first writes and tips back from a reorg; a retried write counted already when it committed; test tips
            // never count, and a row is only ever updated by a write of its own origin)
            handle.createQuery("""
                    WITH input AS (
                        SELECT * FROM unnest(:chains, :txs, :indexes, :contracts, :blocks, :blockHashes, :blockTimes,
                                             :froms, :tos, :amounts, :sessions, :partitions, :offsets, :origins)
                            AS t(chain_id, tx_hash, log_index, contract_address, block_number, block_hash, block_ms,
                                 from_wallet, to_wallet, amount, session_id, source_partition, source_offset, origin)
                    ), prior AS (
                        SELECT t.chain_id, t.tx_hash, t.log_index, t.reverted_at IS NOT NULL AS was_reverted
                        FROM tips t JOIN input i
                          ON t.chain_id = i.chain_id AND t.tx_hash = i.tx_hash AND t.log_index = i.log_index
                    ), written AS (
                        INSERT INTO tips (chain_id, tx_hash, log_index, contract_address, block_number, block_hash,
                                          block_time, from_wallet, to_wallet, tipper_user_id, creator_id, amount_wei,
                                          session_id, tip_mode, source_partition, source_offset, origin)
                        SELECT i.chain_id, i.tx_hash, i.log_index, i.contract_address, i.block_number, i.block_hash,
                               to_timestamp(i.block_ms / 1000.0), i.from_wallet, i.to_wallet, u.id, c.creator_id,
                               i.amount::numeric, i.session_id,
                               CASE WHEN EXISTS (SELECT 1 FROM live_sessions l
                                                 WHERE l.creator_id = c.creator_id AND l.ended_at IS NULL)
                                    THEN 'live' ELSE 'offline' END,
                               i.source_partition, i.source_offset, i.origin
                        FROM input i
                        JOIN users u ON u.wallet_address = i.from_wallet
                        LEFT JOIN creators c ON c.wallet_address = i.to_wallet
                        ON CONFLICT (chain_id, tx_hash, log_index) DO UPDATE
                            SET reverted_at = NULL, block_number = EXCLUDED.block_number,
                                block_hash = EXCLUDED.block_hash, block_time = EXCLUDED.block_time,
                                source_partition = EXCLUDED.source_partition, source_offset = EXCLUDED.source_offset
                            WHERE tips.origin = EXCLUDED.origin
                              AND (tips.reverted_at IS NOT NULL
                                   OR (tips.source_partition = EXCLUDED.source_partition
                                       AND tips.source_offset = EXCLUDED.source_offset))
                        RETURNING chain_id, tx_hash, log_index, creator_id, tip_mode, to_wallet, amount_wei, origin
                    ), counted AS (
                        SELECT w.to_wallet, sum(w.amount_wei) AS amount
                        FROM written w LEFT JOIN prior p
                          ON p.chain_id = w.chain_id AND p.tx_hash = w.tx_hash AND p.log_index = w.log_index
                        WHERE (p.chain_id IS NULL OR p.was_reverted) AND w.origin = 'CHAIN'
                        GROUP BY w.to_wallet
                    ), moved AS (
                        INSERT INTO wallet_balances (wallet_address, balance_wei)
                        SELECT to_wallet, amount FROM counted
                        ON CONFLICT (wallet_address) DO UPDATE
                            SET balance_wei = wallet_balances.balance_wei + EXCLUDED.balance_wei
                        RETURNING wallet_address, balance_wei
                    )
                    SELECT 'tip' AS kind, chain_id, tx_hash, log_index, creator_id, tip_mode,
                           NULL::text AS wallet, NULL::numeric AS balance
                    FROM written
                    UNION ALL
                    SELECT 'balance', NULL, NULL, NULL, NULL, NULL, w.to_wallet,
                           coalesce(m.balance_wei,
                                    (SELECT b.balance_wei FROM wallet_balances b WHERE b.wallet_address = w.to_wallet), 0)
                    FROM (SELECT DISTINCT to_wallet FROM written) w
                    LEFT JOIN moved m ON m.wallet_address = w.to_wallet
                    """)
                    .bind("chains", chains).bind("txs", txs).bind("indexes", indexes).bind("contracts", contracts)
                    .bind("blocks", blocks).bind("blockHashes", blockHashes).bind("blockTimes", blockTimes)
                    .bind("froms", froms).bind("tos", tos).bind("amounts", amounts).bind("sessions", sessions)
                    .bind("partitions", partitions).bind("offsets", offsets).bind("origins", origins)
                    .map((rs, ctx) -> {
                        if ("tip".equals(rs.getString("kind"))) {
                            written.put(key(rs.getString("chain_id"), rs.getString("tx_hash"), rs.getInt("log_index")),
                                    new TipLedger.TipOutcome(Optional.ofNullable(rs.getObject("creator_id", UUID.class)),
                                            rs.getString("tip_mode"), true));
                        } else {
                            balances.put(rs.getString("wallet"), rs.getBigDecimal("balance").toBigIntegerExact());
                        }
                        return 0;
                    })
                    .list();
        });
        List<Optional<TipLedger.TipOutcome>> outcomes = new ArrayList<>(size);
        for (TipLedger.TipRow row : rows) {
            outcomes.add(Optional.ofNullable(written.get(key(row.id().chainId(), row.id().txHash(), row.id().logIndex()))));
        }
        return new BatchResult(outcomes, balances);
    }

    private static String key(String chain, String tx, int index) {
        return chain + ":" + tx + ":" + index;
    }

}
