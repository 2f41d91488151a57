package io.chainpulse.processor.dedupe;

import io.chainpulse.processor.persist.TipLedger.LogId;
import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The logs a task has applied, by (chain, txHash, logIndex), each remembered for the retention from when it was
 * applied: a second copy within it is dropped before it reaches PostgreSQL, whose unique key catches the rest. The
 * store is changelogged, so the memory survives a restart. Confined to its task's thread.
 */
public final class SeenLogs {
    private final KeyValueStore<String, Long> store;
    private final Duration retention;

    public SeenLogs(KeyValueStore<String, Long> store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    public boolean contains(LogId id) {
        return store.get(key(id)) != null;
    }

    public void remember(LogId id, long nowMs) {
        store.put(key(id), nowMs);
    }

    /** A reverted log may come back after a reorg: it is applied again then. */
    public void forget(LogId id) {
        store.delete(key(id));
    }

    /** Drops every log applied longer than the retention ago. */
    public void forgetExpired(long nowMs) {
        long cutoff = nowMs - retention.toMillis();
        try (var all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                if (entry.value < cutoff) {
                    store.delete(entry.key);
                }
            }
        }
    }

    private static String key(LogId id) {
        return id.chainId() + ":" + id.txHash() + ":" + id.logIndex();
    }
}
