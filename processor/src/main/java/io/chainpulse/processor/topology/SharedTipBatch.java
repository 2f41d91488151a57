package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.Failures;
import io.chainpulse.processor.persist.RetryingDatabase;
import io.chainpulse.processor.persist.TipBatchWriter;
import io.chainpulse.processor.persist.TipLedger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tips accepted by every task of one stream thread, written to PostgreSQL in one transaction. A transaction
 * costs about 2 ms whatever its size, and tasks split the input by partition, so one batch per thread instead of
 * one per task is what lets the processor keep up. Each task has a {@link Lane}: it adds its tips there and takes
 * its {@link BatchOutcome}s from there, to publish them in its own context. Confined to its stream thread.
 */
final class SharedTipBatch {
    private static final Logger log = LoggerFactory.getLogger(SharedTipBatch.class);

    /** One batch per stream thread of a topology; tasks find their thread's batch here when they start. */
    static final class PerThread {
        private final ThreadLocal<SharedTipBatch> batches;

        PerThread(TipBatchWriter writer) {
            this.batches = ThreadLocal.withInitial(() -> new SharedTipBatch(writer));
        }

        SharedTipBatch current() {
            return batches.get();
        }
    }

    /** One task's tips waiting in the batch, and the outcomes of its written tips not yet taken. */
    final class Lane {
        private final List<PendingTips.Pending> waiting = new ArrayList<>();
        private final ArrayDeque<BatchOutcome> written = new ArrayDeque<>();

        void add(PendingTips.Pending tip, long nowMs) {
            if (size == 0) {
                oldestAddedAtMs = nowMs;
            }
            waiting.add(tip);
            size++;
        }

        /** The outcomes written since the last call, oldest first. */
        List<BatchOutcome> takeWritten() {
            List<BatchOutcome> taken = new ArrayList<>(written);
            written.clear();
            return taken;
        }

        /** Leaves the batch; the task's unwritten tips stay in its pending store for the task's next owner. */
        void leave() {
            size -= waiting.size();
            waiting.clear();
            written.clear();
            lanes.remove(this);
        }
    }

    private final TipBatchWriter writer;
    private final Set<Lane> lanes = new LinkedHashSet<>();
    private final FlushPolicy policy = new FlushPolicy();
    private int size;
    private long oldestAddedAtMs;

    private SharedTipBatch(TipBatchWriter writer) {
        this.writer = writer;
    }

    Lane join() {
        Lane lane = new Lane();
        lanes.add(lane);
        return lane;
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

    /**
     * Writes every waiting tip in one transaction and leaves each lane the outcome of its part; a retriable failure
     * is thrown (the task is retried from its last commit), a refused batch is written again row by row.
     */
    void flush() {
        if (size == 0) {
            return;
        }
        Map<Lane, List<PendingTips.Pending>> batch = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            if (!lane.waiting.isEmpty()) {
                batch.put(lane, List.copyOf(lane.waiting));
                lane.waiting.clear();
            }
        }
        size = 0;
        List<TipLedger.TipRow> rows = new ArrayList<>();
        batch.values().forEach(tips -> tips.forEach(tip -> rows.add(tip.row())));
        try {
            TipBatchWriter.BatchResult result = RetryingDatabase.call("persisting " + rows.size() + " tips",
                    () -> writer.write(rows));
            int index = 0;
            for (var entry : batch.entrySet()) {
                int count = entry.getValue().size();
                entry.getKey().written.add(new BatchOutcome(entry.getValue(),
                        writes(result.outcomes().subList(index, index + count)), result.balances()));
                index += count;
            }
        } catch (RuntimeException e) {
            if (Failures.isRetriable(e)) {
                throw e;
            }
            log.warn("a batch of {} tips was refused ({}); writing them one by one to isolate the bad row",
                    rows.size(), e.toString());
            batch.forEach((lane, tips) -> tips.forEach(tip -> lane.written.add(writeAlone(tip))));
        }
    }

    private BatchOutcome writeAlone(PendingTips.Pending tip) {
        try {
            TipBatchWriter.BatchResult one = RetryingDatabase.call("persisting tip " + tip.row().id(),
                    () -> writer.write(List.of(tip.row())));
            return new BatchOutcome(List.of(tip), writes(one.outcomes()), one.balances());
        } catch (RuntimeException e) {
            if (Failures.isRetriable(e)) {
                throw e;
            }
            return new BatchOutcome(List.of(tip), List.of(new TipWrite.Refused(e.toString())), Map.of());
        }
    }

    private static List<TipWrite> writes(List<Optional<TipLedger.TipOutcome>> outcomes) {
        return outcomes.stream()
                .map(outcome -> outcome.<TipWrite>map(TipWrite.Persisted::new)
                        .orElseGet(TipWrite.AlreadyPublished::new))
                .toList();
    }
}
