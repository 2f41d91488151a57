package io.chainpulse.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chainpulse.schemas.EthAmounts;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A creator's most recent tips from PostgreSQL, newest first, reverted ones included and flagged; test tips only when
 * asked for, flagged {@code "test": true}. A read-only query of the processor's {@code tips} table, kept here so the
 * gateway does not depend on the processor. Thread-safe.
 */
public final class TipHistory {
    private final Jdbi jdbi;

    public TipHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One tip as the history endpoint shows it; {@code test} is true for a test tip and absent for a real one. */
    record TipRow(String type, String creatorId, String tipperAddress, String amountEth, String amountWei,
            String txHash, int logIndex, String chainId, long blockNumber, String tipMode, String sessionId,
            String timestamp, boolean reverted, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean test) {}

    List<TipRow> recent(UUID creatorId, int limit, boolean includeTest) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.chain_id, t.tx_hash, t.log_index, t.block_number, t.block_time, t.from_wallet,
                               t.amount_wei, t.session_id, t.tip_mode, t.reverted_at IS NOT NULL AS reverted,
                               t.origin = 'TEST' AS test
                        FROM tips t JOIN creators c ON t.to_wallet = c.wallet_address
                        WHERE c.creator_id = :creator AND (t.origin = 'CHAIN' OR :includeTest)
                        ORDER BY t.block_number DESC, t.log_index DESC
                        LIMIT :limit
                        """)
                .bind("creator", creatorId)
                .bind("limit", limit)
                .bind("includeTest", includeTest)
                .map((rs, ctx) -> {
                    BigInteger wei = rs.getBigDecimal("amount_wei").toBigIntegerExact();
                    boolean reverted = rs.getBoolean("reverted");
                    return new TipRow(reverted ? "TIP_REVERTED" : "TIP_SENT", creatorId.toString(),
                            rs.getString("from_wallet"), EthAmounts.toEth(wei), wei.toString(), rs.getString("tx_hash"),
                            rs.getInt("log_index"), rs.getString("chain_id"), rs.getLong("block_number"),
                            rs.getString("tip_mode"), rs.getString("session_id"),
                            rs.getTimestamp("block_time").toInstant().toString(), reverted,
                            rs.getBoolean("test") ? Boolean.TRUE : null);
                })
                .list());
    }
}
