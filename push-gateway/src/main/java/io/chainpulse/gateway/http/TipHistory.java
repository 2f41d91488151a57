package io.chainpulse.gateway.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** A creator's most recent tips from PostgreSQL, newest first, reverted ones included and flagged. Thread-safe. */
public final class TipHistory {
    private final Jdbi jdbi;

    public TipHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One tip as the history endpoint shows it. */
    record TipRow(String type, String creatorId, String tipperAddress, String amountEth, String amountWei,
            String txHash, int logIndex, String chainId, long blockNumber, String tipMode, String sessionId,
            String timestamp, boolean reverted) {}

    List<TipRow> recent(UUID creatorId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.chain_id, t.tx_hash, t.log_index, t.block_number, t.block_time, t.from_wallet,
                               t.amount_wei, t.session_id, t.tip_mode, t.reverted_at IS NOT NULL AS reverted
                        FROM tips t JOIN creators c ON t.to_wallet = c.wallet_address
                        WHERE c.creator_id = :creator
                        ORDER BY t.block_number DESC, t.log_index DESC
                        LIMIT :limit
                        """)
                .bind("creator", creatorId)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    BigInteger wei = rs.getBigDecimal("amount_wei").toBigIntegerExact();
                    boolean reverted = rs.getBoolean("reverted");
                    return new TipRow(reverted ? "TIP_REVERTED" : "TIP_SENT", creatorId.toString(),
                            rs.getString("from_wallet"), toEth(wei), wei.toString(), rs.getString("tx_hash"),
                            rs.getInt("log_index"), rs.getString("chain_id"), rs.getLong("block_number"),
                            rs.getString("tip_mode"), rs.getString("session_id"),
                            rs.getTimestamp("block_time").toInstant().toString(), reverted);
                })
                .list());
    }

    static String toEth(BigInteger wei) {
        BigDecimal eth = new BigDecimal(wei).movePointLeft(18).stripTrailingZeros();
        return eth.scale() < 0 ? eth.setScale(0).toPlainString() : eth.toPlainString();
    }
}
