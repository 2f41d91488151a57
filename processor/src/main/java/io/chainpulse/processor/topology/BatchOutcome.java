package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.TipLedger.TipRow;
import io.chainpulse.processor.validate.Rejection;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.TipEventTypes;
import io.chainpulse.schemas.tip.TipEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One task's share of a written batch: its tips in arrival order, what writing each did, and the new balance of
 * every wallet the batch wrote to. Published as the tips in order, then one balance per wallet (marked TEST when
 * only test tips went to it); refused rows become dead letters, copies are counted and dropped.
 */
record BatchOutcome(List<PendingTips.Pending> tips, List<TipWrite> writes, Map<String, BigInteger> balances) {

    BatchOutcome {
        if (tips.size() != writes.size()) {
            throw new IllegalArgumentException(tips.size() + " tips but " + writes.size() + " write results");
        }
    }

    List<Output> outputs(ProcessorMetrics metrics) {
        List<Output> outputs = new ArrayList<>(tips.size() + 1);
        Map<String, PendingTips.Pending> lastPerWallet = new LinkedHashMap<>();
        Map<String, Optional<UUID>> creators = new HashMap<>();
        Set<String> movedByChainTips = new HashSet<>();
        for (int i = 0; i < tips.size(); i++) {
            PendingTips.Pending tip = tips.get(i);
            switch (writes.get(i)) {
                case TipWrite.Refused refused -> outputs.add(new Output.DeadLetter(tip.rawKey(), tip.rawValue(),
                        tip.timestamp(), new Rejection(Rejection.Reason.PERSISTENCE_REJECTED, refused.detail())));
                case TipWrite.AlreadyPublished copy -> metrics.duplicatesDropped.increment();
                case TipWrite.Persisted persisted -> {
                    metrics.tipsPersisted.increment();
                    TipRow row = tip.row();
                    lastPerWallet.put(row.toWallet(), tip);
                    creators.put(row.toWallet(), persisted.outcome().creatorId());
                    if (row.origin() == EventOrigin.CHAIN) {
                        movedByChainTips.add(row.toWallet());
                    }
                    if (persisted.outcome().creatorId().isEmpty()) {
                        metrics.tipsToUnregisteredWallets.increment();
                        continue;
                    }
                    TipEvent event = OutputRecords.tipEvent(TipEventTypes.TIP_SENT,
                            persisted.outcome().creatorId().get(), row, persisted.outcome().tipMode());
                    outputs.add(new Output.Publish(event.getCreatorId(), event, tip.timestamp(),
                            PipelineTopology.TIPS_SINK));
                }
            }
        }
        lastPerWallet.forEach((wallet, tip) -> outputs.add(new Output.Publish(wallet,
                OutputRecords.balanceEvent(tip.row().id().chainId(), wallet, creators.get(wallet),
                        balances.getOrDefault(wallet, BigInteger.ZERO), "TIP", tip.row().id().txHash(),
                        tip.row().blockTimeMillis(),
                        movedByChainTips.contains(wallet) ? EventOrigin.CHAIN : EventOrigin.TEST),
                tip.timestamp(), PipelineTopology.BALANCES_SINK)));
        return outputs;
    }
}
