package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.TipLedger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tips accepted but not yet written and published. Each is also kept in a changelogged store, committed in the
 * same transaction as the input offsets, so a crash between a commit and the next flush loses nothing: the
 * restored store is flushed first. Owned by one stream task's thread.
 */
final class PendingTips {
    /** One pending tip: the raw record it came from and the row to write. */
    record Pending(String rawKey, byte[] rawValue, long timestamp, TipLedger.TipRow row, long sequence) {}

    private final KeyValueStore<Long, byte[]> store;
    private long nextSequence;

    PendingTips(KeyValueStore<Long, byte[]> store) {
        this.store = store;
        try (var all = store.all()) {
            while (all.hasNext()) {
                nextSequence = Math.max(nextSequence, all.next().key + 1);
            }
        }
    }

    /** Raw records left pending by a previous owner of this task, oldest first, for re-processing. */
    List<Restored> restore() {
        List<Restored> restored = new ArrayList<>();
        try (var all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                restored.add(decode(entry.key, entry.value));
            }
        }
        return restored;
    }

    record Restored(long sequence, String rawKey, byte[] rawValue, long timestamp, int partition, long offset) {}

    void forget(long sequence) {
        store.delete(sequence);
    }

    /** Keeps the tip in the store until {@link #forget(long)}; the caller hands the returned tip to the batch. */
    Pending add(String rawKey, byte[] rawValue, long timestamp, TipLedger.TipRow row) {
        long sequence = nextSequence++;
        store.put(sequence, encode(rawKey, rawValue, timestamp, row.source()));
        return new Pending(rawKey, rawValue, timestamp, row, sequence);
    }

    private static byte[] encode(String rawKey, byte[] rawValue, long timestamp, TipLedger.Source source) {
        byte[] key = rawKey == null ? new byte[0] : rawKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + 8 + 8 + 4 + key.length + rawValue.length)
                .putInt(source.partition()).putLong(source.offset()).putLong(timestamp)
                .putInt(key.length).put(key).put(rawValue).array();
    }

    private static Restored decode(long sequence, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int partition = buffer.getInt();
        long offset = buffer.getLong();
        long timestamp = buffer.getLong();
        byte[] key = new byte[buffer.getInt()];
        buffer.get(key);
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new Restored(sequence, new String(key, StandardCharsets.UTF_8), value, timestamp, partition, offset);
    }
}
