package io.chainpulse.processor.persist;

import static io.chainpulse.processor.TestLogs.aTxHash;
import static io.chainpulse.processor.TestLogs.eth;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.processor.TestLogs;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.TestDatabases;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batched tip writes against a real PostgreSQL: idempotent rows, publication rule, running balances. */
@Timeout(60)
class TipBatchWriterIT {
    private static Database database;
    private static TipBatchWriter writer;
    private static TipLedger ledger;

    @BeforeAll
    static void migrate() {
        database = TestDatabases.freshSchema();
        ledger = new TipLedger(database.jdbi());
        writer = ledger.batchWriter();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static TipLedger.TipRow row(String to, BigInteger wei, int partition, long offset) {
        return row(to, wei, partition, offset, EventOrigin.CHAIN);
    }

    private static TipLedger.TipRow row(String to, BigInteger wei, int partition, long offset, EventOrigin origin) {
        return new TipLedger.TipRow(new TipLedger.LogId(TestLogs.CHAIN_ID, aTxHash(), 0), TestLogs.CONTRACT, 7, "0xb7",
                1_700_000_000_000L, TestDatabases.aWallet(), to, wei, "0x00", new TipLedger.Source(partition, offset),
                origin);
    }

    private static TipLedger.WithdrawRow withdrawal(String wallet, BigInteger wei, long offset, EventOrigin origin) {
        return new TipLedger.WithdrawRow(new TipLedger.LogId(TestLogs.CHAIN_ID, aTxHash(), 0), TestLogs.CONTRACT,
                8, "0xb8", 1_700_000_001_000L, wallet, wei, new TipLedger.Source(0, offset), origin);
    }

    @Test
    void shouldCountARetriedWriteOfTheSameRecordOnceButPublishItAgain() {
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        TipLedger.TipRow tip = row(creator.walletAddress(), eth("0.4"), 1, 10);

        TipBatchWriter.BatchResult first = writer.write(List.of(tip));
        TipBatchWriter.BatchResult retry = writer.write(List.of(tip));

        assertThat(first.outcomes().get(0)).hasValueSatisfying(outcome -> assertThat(outcome.creatorId()).contains(creator.creatorId()));
        assertThat(retry.outcomes().get(0)).isPresent();
        assertThat(retry.balances()).containsEntry(creator.walletAddress(), eth("0.4"));
        assertThat(ledger.balanceOf(creator.walletAddress())).isEqualTo(eth("0.4"));
    }

    @Test
    void shouldNotPublishACopyFromAnotherSourceRecordNorCountIt() {
        String wallet = TestDatabases.aWallet();
        TipLedger.TipRow tip = row(wallet, eth("1"), 0, 5);
        writer.write(List.of(tip));

        TipLedger.TipRow copy = new TipLedger.TipRow(tip.id(), tip.contract(), tip.blockNumber(), tip.blockHash(),
                tip.blockTimeMillis(), tip.fromWallet(), tip.toWallet(), tip.amountWei(), tip.sessionId(),
                new TipLedger.Source(3, 99), tip.origin());
        TipBatchWriter.BatchResult again = writer.write(List.of(copy));

        assertThat(again.outcomes().get(0)).isEmpty();
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("1"));
    }

    @Test
    void shouldMoveTheBalanceOnceForRevertsWithdrawalsAndTheirReverts() {
        String wallet = TestDatabases.aWallet();
        TipLedger.TipRow tip = row(wallet, eth("2"), 0, 1);
        writer.write(List.of(tip, row(wallet, eth("1"), 0, 2)));
        var withdraw = withdrawal(wallet, eth("0.5"), 3, EventOrigin.CHAIN);

        ledger.revertTip(tip.id(), EventOrigin.CHAIN);
        ledger.revertTip(tip.id(), EventOrigin.CHAIN);
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("1"));
        assertThat(ledger.recordWithdraw(withdraw)).isTrue();
        assertThat(ledger.recordWithdraw(withdraw)).isTrue();
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("0.5"));
        ledger.revertWithdraw(withdraw.id(), EventOrigin.CHAIN);
        ledger.revertWithdraw(withdraw.id(), EventOrigin.CHAIN);
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("1"));
        writer.write(List.of(tip));
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("3"));
    }

    @Test
    void shouldStoreTestTipsAndWithdrawalsMarkedTestWithoutMovingTheBalance() {
        String wallet = TestDatabases.aWallet();
        writer.write(List.of(row(wallet, eth("1"), 0, 1)));
        TipLedger.TipRow testTip = row(wallet, eth("5"), 0, 2, EventOrigin.TEST);

        TipBatchWriter.BatchResult written = writer.write(List.of(testTip));
        assertThat(ledger.recordWithdraw(withdrawal(wallet, eth("0.7"), 3, EventOrigin.TEST))).isTrue();
        ledger.revertTip(testTip.id(), EventOrigin.TEST);

        assertThat(written.outcomes().get(0)).isPresent();
        assertThat(written.balances()).containsEntry(wallet, eth("1"));
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("1"));
        String origin = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT origin FROM tips WHERE tx_hash = :tx").bind("tx", testTip.id().txHash())
                .mapTo(String.class).one());
        assertThat(origin).isEqualTo("TEST");
    }

    @Test
    void shouldNeverLetATestEventRevertOrReviveAChainTipOfTheSameLog() {
        String wallet = TestDatabases.aWallet();
        TipLedger.TipRow tip = row(wallet, eth("2"), 0, 1);
        writer.write(List.of(tip));
        TipLedger.TipRow forged = new TipLedger.TipRow(tip.id(), tip.contract(), tip.blockNumber(), tip.blockHash(),
                tip.blockTimeMillis(), tip.fromWallet(), tip.toWallet(), tip.amountWei(), tip.sessionId(),
                tip.source(), EventOrigin.TEST);

        assertThat(ledger.revertTip(tip.id(), EventOrigin.TEST)).isEmpty();
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("2"));
        ledger.revertTip(tip.id(), EventOrigin.CHAIN);
        assertThat(writer.write(List.of(forged)).outcomes().get(0)).isEmpty();
        assertThat(ledger.balanceOf(wallet)).isEqualTo(eth("0"));
    }
}
