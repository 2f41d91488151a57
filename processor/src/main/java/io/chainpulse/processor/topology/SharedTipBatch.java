package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.Failures;
import io.chainpulse.processor.persist.RetryingDatabase;
import io.chainpulse.processor.persist.TipBatchWriter;
import io.chainpulse.processor.persist.TipLedger;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tips accepted by every task of one stream thread, written to PostgreSQL in one transaction. A transaction
 * costs about 2 ms whatever its size, and tasks split the input by partition, so one batch per thread instead of
 * one per task is what lets the processor keep up. Each task publishes its own rows, in its own context, after the
 * write. Confined to its stream thread.
 */
final class SharedTipBatch {
    private static final Logger log = LoggerFactory.getLogger(SharedTipBatch.class);
    private static final ThreadLocal<SharedTipBatch> PER_THREAD = ThreadLocal.withInitial(SharedTipBatch::new);

    /** A task whose tips wait here; it is handed its written rows and publishes them itself. */
    interface Owner {
        void written(List<PendingTips.Pending> tips, List<Optional<TipLedger.TipOutcome>> outcomes,
                Map<String, BigInteger> balances, String failure);
    }

    private final Map<Owner, List<PendingTips.Pending>> waiting = new LinkedHashMap<>();
    private final FlushPolicy policy = new FlushPolicy();
    private int size;
    private long oldestAddedAtMs;

    static SharedTipBatch ofCurrentThread() {
        return PER_THREAD.get();
    }

    void add(Owner owner, PendingTips.Pending tip, long nowMs) {
        if (size == 0) {
            oldestAddedAtMs = nowMs;
        }
        waiting.computeIfAbsent(owner, key -> new ArrayList<>()).add(tip);
        size++;
    }

    int size() {
        return size;
    }

    FlushPolicy policy() {
        return policy;
    }

    /** Whether the waiting tips are due for writing, by the policy. */
    boolean due(long nowMs) {
        return policy.due(size, nowMs - oldestAddedAtMs);
    }

    /** Forgets a closing task's tips; they stay in its pending store for the task's next owner. */
    void remove(Owner owner) {
        List<PendingTips.Pending> dropped = waiting.remove(owner);
        if (dropped != null) {
            size -= dropped.size();
        }
    }

    /** Writes every waiting tip in one transaction and hands each owner its part; retriable failures wait. */
    void flush(TipBatchWriter writer) {
        if (size == 0) {
            return;
        }
        Map<Owner, List<PendingTips.Pending>> batch = new LinkedHashMap<>(waiting);
        waiting.clear();
        size = 0;
        List<TipLedger.TipRow> rows = new ArrayList<>();
        batch.values().forEach(tips -> tips.forEach(tip -> rows.add(tip.row())));
        try {
            TipBatchWriter.BatchResult result = RetryingDatabase.call("persisting " + rows.size() + " tips",
                    () -> writer.write(rows));
            int index = 0;
            for (var entry : batch.entrySet()) {
                int count = entry.getValue().size();
                entry.getKey().written(entry.getValue(), result.outcomes().subList(index, index + count),
                        result.balances(), null);
                index += count;
            }
        } catch (RuntimeException e) {
            if (Failures.isRetriable(e)) {
                throw e;
            }
            log.warn("a batch of {} tips was refused ({}); writing them one by one to isolate the bad row",
                    rows.size(), e.toString());
            batch.forEach((owner, tips) -> tips.forEach(tip -> writeAlone(writer, owner, tip)));
        }
    }

    private static void writeAlone(TipBatchWriter writer, Owner owner, PendingTips.Pending tip) {
        try {
            TipBatchWriter.BatchResult one = RetryingDatabase.call("persisting tip " + tip.row().id(),
                    () -> writer.write(List.of(tip.row())));
            owner.written(List.of(tip), one.outcomes(), one.balances(), null);
        } catch (RuntimeException e) {
            if (Failures.isRetriable(e)) {
                throw e;
            }
            List<Optional<TipLedger.TipOutcome>> none = new ArrayList<>();
            none.add(null);
            owner.written(List.of(tip), none, new HashMap<>(), e.toString());
        }
    }
}
