package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.RetryingDatabase;
import io.chainpulse.processor.persist.TipLedger;
import io.chainpulse.processor.persist.TipLedger.LogId;
import io.chainpulse.processor.persist.TipLedger.Source;
import io.chainpulse.processor.persist.TipLedger.StoredTip;
import io.chainpulse.processor.persist.TipLedger.TipRow;
import io.chainpulse.processor.validate.DecodedLog;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.TipEventTypes;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.tip.TipEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Withdrawals and reverts, which change a balance one log at a time: each is written to PostgreSQL first (waiting
 * out an outage), then announced as the wallet's new balance, and a reverted tip of a registered creator as
 * TIP_REVERTED. A copy of an already written withdrawal is announced nowhere. Test events move no balance and only
 * revert test rows. Thread-safe.
 */
final class BalanceChanges {
    private final TipLedger ledger;
    private final ProcessorMetrics metrics;

    BalanceChanges(TipLedger ledger, ProcessorMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    List<Output> withdraw(RawChainEvent event, LogId id, DecodedLog.Withdraw withdraw, Source source, long timestamp) {
        var row = new TipLedger.WithdrawRow(id, event.getContractAddress(), event.getBlockNumber(),
                event.getBlockHash(), event.getBlockTimestamp(), withdraw.creator(), withdraw.amountWei(), source,
                origin(event));
        boolean publish = RetryingDatabase.call("persisting withdrawal " + id, () -> ledger.recordWithdraw(row));
        if (!publish) {
            metrics.duplicatesDropped.increment();
            return List.of();
        }
        metrics.withdrawalsPersisted.increment();
        return List.of(balance(event, withdraw.creator(), creatorOf(withdraw.creator()), "WITHDRAW", timestamp));
    }

    /** Undoes what the orphaned log did, whether or not it was ever stored. */
    List<Output> revert(RawChainEvent event, LogId id, DecodedLog decoded, Source source, long timestamp) {
        metrics.reverted.increment();
        return switch (decoded) {
            case DecodedLog.TipSent tip -> {
                Optional<StoredTip> stored = RetryingDatabase.call("reverting tip " + id, () -> ledger.revertTip(id, origin(event)));
                List<Output> outputs = new ArrayList<>(2);
                if (stored.isPresent() && stored.get().creatorId().isPresent()) {
                    StoredTip was = stored.get();
                    TipRow row = new TipRow(id, event.getContractAddress(), event.getBlockNumber(),
                            event.getBlockHash(), event.getBlockTimestamp(), was.fromWallet(), was.toWallet(),
                            was.amountWei(), was.sessionId(), source, origin(event));
                    TipEvent reverted = OutputRecords.tipEvent(TipEventTypes.TIP_REVERTED, was.creatorId().get(), row,
                            was.tipMode());
                    outputs.add(new Output.Publish(reverted.getCreatorId(), reverted, timestamp,
                            PipelineTopology.TIPS_SINK));
                }
                outputs.add(balance(event, tip.to(), stored.flatMap(StoredTip::creatorId), "TIP_REVERTED", timestamp));
                yield outputs;
            }
            case DecodedLog.Withdraw withdraw -> {
                RetryingDatabase.call("reverting withdrawal " + id, () -> ledger.revertWithdraw(id, origin(event)));
                yield List.of(balance(event, withdraw.creator(), creatorOf(withdraw.creator()), "WITHDRAW_REVERTED",
                        timestamp));
            }
        };
    }

    private Optional<UUID> creatorOf(String wallet) {
        return RetryingDatabase.call("finding creator", () -> ledger.creatorOf(wallet));
    }

    private Output balance(RawChainEvent event, String wallet, Optional<UUID> creatorId, String reason,
            long timestamp) {
        BigInteger balance = RetryingDatabase.call("reading balance of " + wallet, () -> ledger.balanceOf(wallet));
        return new Output.Publish(wallet, OutputRecords.balanceEvent(event.getChainId(), wallet, creatorId, balance,
                reason, event.getTxHash(), event.getBlockTimestamp(), origin(event)), timestamp,
                PipelineTopology.BALANCES_SINK);
    }

    private static EventOrigin origin(RawChainEvent event) {
        return EventOrigin.valueOf(event.getOrigin());
    }
}
