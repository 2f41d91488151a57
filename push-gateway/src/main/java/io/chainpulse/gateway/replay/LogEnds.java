package io.chainpulse.gateway.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The committed end of a partition (its last stable offset), as of a moment after the caller asked. Lookups are
 * coalesced: callers that ask while one is on its way share the next one, so a mass reconnect costs Kafka a few
 * requests, not one per client. Thread-safe: a fair lock guards the waiting lookups, since a mass reconnect queues
 * thousands of virtual threads on it and the Admin thread that finishes a lookup (and starts the next) must not wait
 * behind the ones that keep arriving, as it did on a monitor (2.3 s in a 10,000-client reconnect).
 */
public final class LogEnds implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Map<TopicPartition, CompletableFuture<Long>> waiting = new HashMap<>();
    private boolean lookingUp;

    public LogEnds(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "push-gateway-log-ends"));
    }

    /** Blocks until a lookup that started after this call answers; the offset the next record will get. */
    public long endOf(TopicPartition partition) {
        CompletableFuture<Long> answer;
        lock.lock();
        try {
            answer = waiting.computeIfAbsent(partition, key -> new CompletableFuture<>());
            if (!lookingUp) {
                lookUp();
            }
        } finally {
            lock.unlock();
        }
        try {
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up the end of " + partition, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot look up the end of " + partition + ": " + e.getMessage(), e);
        }
    }

    // called holding the lock
    private void lookUp() {
        Map<TopicPartition, CompletableFuture<Long>> batch = waiting;
        waiting = new HashMap<>();
        lookingUp = true;
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        batch.keySet().forEach(partition -> specs.put(partition, OffsetSpec.latest()));
        // read_committed: the last stable offset, which is as far as the read_committed live consumer can get
        admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().toCompletionStage()
                .whenComplete((offsets, error) -> finish(batch, offsets, error));
    }

    private void finish(Map<TopicPartition, CompletableFuture<Long>> batch,
            Map<TopicPartition, ListOffsetsResultInfo> offsets, Throwable error) {
        batch.forEach((partition, answer) -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else {
                answer.complete(offsets.get(partition).offset());
            }
        });
        lock.lock();
        try {
            lookingUp = false;
            if (!waiting.isEmpty()) {
                lookUp();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
