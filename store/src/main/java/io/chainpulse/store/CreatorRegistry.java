package io.chainpulse.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers creators by wallet and answers wallet → creator. Registering a wallet that already tipped
 * as a viewer promotes that user, and earlier tips to the wallet become the creator's history.
 * Thread-safe.
 */
public final class CreatorRegistry {
    private final Jdbi jdbi;

    public CreatorRegistry(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Registers the wallet as a creator, or returns the existing creator for it. */
    public Creator register(String wallet) {
        String address = Wallets.normalize(wallet);
        return jdbi.inTransaction(handle -> {
            UUID userId = handle.createQuery("""
                    INSERT INTO users (wallet_address, role) VALUES (:wallet, 'creator')
                    ON CONFLICT (wallet_address) DO UPDATE SET role = 'creator'
                    RETURNING id
                    """).bind("wallet", address).mapTo(UUID.class).one();
            handle.createUpdate("""
                    INSERT INTO creators (creator_id, wallet_address) VALUES (:id, :wallet)
                    ON CONFLICT (creator_id) DO NOTHING
                    """).bind("id", userId).bind("wallet", address).execute();
            handle.createUpdate("UPDATE tips SET creator_id = :id WHERE to_wallet = :wallet AND creator_id IS NULL")
                    .bind("id", userId).bind("wallet", address).execute();
            return new Creator(userId, address);
        });
    }

    public Optional<Creator> findByWallet(String wallet) {
        if (!Wallets.isAddress(wallet)) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT creator_id, wallet_address FROM creators WHERE wallet_address = :wallet")
                .bind("wallet", Wallets.normalize(wallet))
                .map((rs, ctx) -> new Creator(rs.getObject("creator_id", UUID.class), rs.getString("wallet_address")))
                .findOne());
    }

    public Optional<Creator> findById(UUID creatorId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT creator_id, wallet_address FROM creators WHERE creator_id = :id")
                .bind("id", creatorId)
                .map((rs, ctx) -> new Creator(rs.getObject("creator_id", UUID.class), rs.getString("wallet_address")))
                .findOne());
    }

    public List<Creator> list() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT creator_id, wallet_address FROM creators ORDER BY created_at")
                .map((rs, ctx) -> new Creator(rs.getObject("creator_id", UUID.class), rs.getString("wallet_address")))
                .list());
    }

    /**
     * Starts a live session for the creator; tips written while it is open carry tipMode live (the processor looks
     * for an open session as it writes each tip). True when this started one, false when one was open already.
     */
    public boolean goLive(UUID creatorId) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                INSERT INTO live_sessions (creator_id) VALUES (:id)
                ON CONFLICT (creator_id) WHERE ended_at IS NULL DO NOTHING
                """).bind("id", creatorId).execute()) == 1;
    }

    /** Ends the creator's open live session; following tips carry tipMode offline. False when none was open. */
    public boolean endLive(UUID creatorId) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE live_sessions SET ended_at = now() WHERE creator_id = :id AND ended_at IS NULL")
                .bind("id", creatorId).execute()) > 0;
    }

    /** Whether the creator has an open live session. */
    public boolean isLive(UUID creatorId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM live_sessions WHERE creator_id = :id AND ended_at IS NULL)")
                .bind("id", creatorId).mapTo(Boolean.class).one());
    }
}
