package io.chainpulse.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.TestDatabases;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tip history against a real PostgreSQL schema: test tips are left out unless asked for, and then flagged. */
@Timeout(60)
class TipHistoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Database database;
    private static TipHistory history;

    @BeforeAll
    static void open() {
        database = TestDatabases.freshSchema();
        history = new TipHistory(database.jdbi());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void shouldLeaveTestTipsOutUnlessAskedAndThenFlagThem() {
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        insertTip(creator, 100, "CHAIN");
        insertTip(creator, 101, "TEST");

        var real = history.recent(creator.creatorId(), 10, false);
        var all = history.recent(creator.creatorId(), 10, true);

        assertThat(real).extracting(TipHistory.TipRow::blockNumber).containsExactly(100L);
        assertThat(all).extracting(TipHistory.TipRow::blockNumber).containsExactly(101L, 100L);
        JsonNode testTip = JSON.valueToTree(all.get(0));
        JsonNode realTip = JSON.valueToTree(all.get(1));
        assertThat(testTip.get("test").asBoolean()).isTrue();
        assertThat(realTip.has("test")).isFalse();
    }

    private static void insertTip(Creator creator, long block, String origin) {
        database.jdbi().useHandle(handle -> {
            UUID tipper = handle.createQuery("""
                    INSERT INTO users (wallet_address, role) VALUES (:wallet, 'viewer') RETURNING id
                    """).bind("wallet", TestDatabases.aWallet()).mapTo(UUID.class).one();
            handle.createUpdate("""
                    INSERT INTO tips (chain_id, tx_hash, log_index, contract_address, block_number, block_hash,
                        block_time, from_wallet, to_wallet, tipper_user_id, creator_id, amount_wei, session_id,
                        tip_mode, source_partition, source_offset, origin)
                    VALUES ('31337', :tx, 0, :contract, :block, :hash, now(), :from, :to, :tipper, :creator,
                        :wei, :session, 'offline', 0, :block, :origin)
                    """)
                    .bind("tx", "0x" + Long.toHexString(block) + "f".repeat(61))
                    .bind("contract", "0x" + "d".repeat(40))
                    .bind("block", block)
                    .bind("hash", "0x" + "e".repeat(64))
                    .bind("from", "0x" + "a".repeat(40))
                    .bind("to", creator.walletAddress())
                    .bind("tipper", tipper)
                    .bind("creator", creator.creatorId())
                    .bind("wei", new BigDecimal("50000000000000000"))
                    .bind("session", "0x" + "0".repeat(64))
                    .bind("origin", origin)
                    .execute();
        });
    }
}
