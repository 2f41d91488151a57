package io.chainpulse.gateway.replay;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.Frame;
import io.chainpulse.gateway.feed.FrameDecoder;
import io.chainpulse.gateway.session.ChannelMember;
import io.chainpulse.gateway.session.ReplayPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads history for every client whose cursor is older than memory with one shared scan per partition: a pass starts
 * at the lowest waiting cursor and hands each record, decoded once, to the waiting clients of its key whose cursor is
 * below it, until each client's target end. A client that comes while a pass runs joins it if the pass has not yet
 * gone past its cursor, else waits for the next pass. At most {@code concurrentScans} partitions are read at once,
 * and a pass holds no more than one poll of records. Thread-safe.
 */
final class CatchUpScans<F extends Frame> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatchUpScans.class);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final FrameDecoder<F> decoder;
    private final Clock clock;
    private final Semaphore scans;
    private final Duration gather;
    private final ReplayEvents events;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Clients not yet in a pass, by partition; guarded by this. */
    private final Map<Integer, List<Request<F>>> pending = new HashMap<>();
    /** Partitions with a scan thread; guarded by this. */
    private final Set<Integer> scanning = new HashSet<>();

    /** One client's catch-up: every event of its key after {@code afterOffset} up to {@code upToOffset}. */
    private static final class Request<F extends Frame> {
        final ChannelMember<F> member;
        final long afterOffset;
        final long upToOffset;
        int sent;

        Request(ChannelMember<F> member, ReplayPlan.FromKafka plan) {
            this.member = member;
            this.afterOffset = plan.afterOffset();
            this.upToOffset = plan.upToOffset();
        }

        Cursor since(int partition) {
            return new Cursor(partition, afterOffset);
        }
    }

    CatchUpScans(String bootstrapServers, String topic, FrameDecoder<F> decoder, Clock clock, int concurrentScans,
            Duration gather, ReplayEvents events) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.decoder = decoder;
        this.clock = clock;
        this.scans = new Semaphore(concurrentScans);
        this.gather = gather;
        this.events = events;
    }

    /** Queues {@code member} for the scan of its partition; the member is told how it ended. Returns at once. */
    void submit(ChannelMember<F> member, ReplayPlan.FromKafka plan) {
        events.waiting(1);
        boolean startScan;
        synchronized (this) {
            pending.computeIfAbsent(plan.partition(), partition -> new ArrayList<>()).add(new Request<>(member, plan));
            startScan = scanning.add(plan.partition());
        }
        if (startScan) {
            executor.execute(() -> scan(plan.partition()));
        }
    }

    private void scan(int partition) {
        List<Request<F>> active = new ArrayList<>();
        boolean permitted = false;
        try {
            // a mass reconnect arrives over some milliseconds: let the first pass serve as many clients as it can
            Thread.sleep(gather);
            scans.acquire();
            permitted = true;
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                TopicPartition topicPartition = new TopicPartition(topic, partition);
                consumer.assign(List.of(topicPartition));
                while (true) {
                    List<Request<F>> batch = takeAllOrStop(partition);
                    if (batch.isEmpty()) {
                        return;
                    }
                    pass(consumer, topicPartition, batch, active);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failAll(partition, active, "the gateway is shutting down");
        } catch (RuntimeException e) {
            log.warn("catch-up scan of {}-{} failed: {}", topic, partition, e.toString());
            failAll(partition, active, "history could not be read: " + e.getMessage());
        } finally {
            if (permitted) {
                scans.release();
            }
        }
    }

    /** One pass from the lowest cursor of {@code batch} until every client in it, or joining it, is served. */
    private void pass(KafkaConsumer<String, byte[]> consumer, TopicPartition topicPartition, List<Request<F>> batch,
            List<Request<F>> active) {
        int partition = topicPartition.partition();
        List<TopicPartition> assignment = List.of(topicPartition);
        long logStart = consumer.beginningOffsets(assignment, STALL_LIMIT).get(topicPartition);
        long logEnd = consumer.endOffsets(assignment, STALL_LIMIT).get(topicPartition);
        for (Request<F> request : batch) {
            Cursor since = request.since(partition);
            if (request.afterOffset >= logEnd) {
                refuse(request, since, "unknown position: the log of these events ends before " + since);
            } else if (request.afterOffset + 1 < logStart) {
                refuse(request, since, "position " + since + " is older than the topic's retention");
            } else {
                active.add(request);
            }
        }
        if (active.isEmpty()) {
            return;
        }
        long next = active.stream().mapToLong(request -> request.afterOffset + 1).min().orElseThrow();
        events.scanStarted(active.size());
        log.debug("catch-up scan of {} from offset {} for {} clients", topicPartition, next, active.size());
        consumer.seek(topicPartition, next);
        Map<String, List<Request<F>>> byKey = new HashMap<>();
        active.forEach(request -> byKey.computeIfAbsent(request.member.key(), key -> new ArrayList<>()).add(request));
        long lastProgress = clock.millis();
        while (true) {
            join(partition, next, active, byKey);
            finishServed(partition, next, active, byKey);
            if (active.isEmpty()) {
                return;
            }
            var records = consumer.poll(POLL).records(topicPartition);
            long position = consumer.position(topicPartition);
            if (records.isEmpty() && position == next) {
                if (clock.millis() - lastProgress > STALL_LIMIT.toMillis()) {
                    throw new IllegalStateException("no progress reading history for " + STALL_LIMIT.toSeconds() + " s");
                }
                continue;
            }
            lastProgress = clock.millis();
            for (ConsumerRecord<String, byte[]> record : records) {
                dispatch(record, byKey.get(record.key()));
            }
            events.scanned(records.size());
            next = position;
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record, List<Request<F>> sameKey) {
        if (sameKey == null) {
            return;
        }
        F frame = null;
        for (Request<F> request : sameKey) {
            if (record.offset() <= request.afterOffset || record.offset() > request.upToOffset) {
                continue;
            }
            if (frame == null) {
                try {
                    frame = decoder.decode(record, clock.instant());
                } catch (RuntimeException e) {
                    log.warn("skipping unreadable record at {}/{}/{} during replay: {}", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                    return;
                }
            }
            request.member.replay(frame);
            request.sent++;
        }
    }

    /** Moves the pending clients the pass has not gone past (their cursor is at or after {@code next}) into it. */
    private void join(int partition, long next, List<Request<F>> active, Map<String, List<Request<F>>> byKey) {
        synchronized (this) {
            List<Request<F>> waiting = pending.get(partition);
            if (waiting == null || waiting.isEmpty()) {
                return;
            }
            for (Iterator<Request<F>> it = waiting.iterator(); it.hasNext(); ) {
                Request<F> request = it.next();
                if (request.afterOffset + 1 >= next) {
                    it.remove();
                    active.add(request);
                    byKey.computeIfAbsent(request.member.key(), key -> new ArrayList<>()).add(request);
                    events.joinedRunningScan();
                }
            }
        }
    }

    /** Ends the replays whose target is below {@code next}, and drops the clients that went away. */
    private void finishServed(int partition, long next, List<Request<F>> active, Map<String, List<Request<F>>> byKey) {
        for (Iterator<Request<F>> it = active.iterator(); it.hasNext(); ) {
            Request<F> request = it.next();
            boolean served = request.upToOffset < next;
            if (!served && request.member.isOpen()) {
                continue;
            }
            it.remove();
            List<Request<F>> sameKey = byKey.get(request.member.key());
            sameKey.remove(request);
            if (sameKey.isEmpty()) {
                byKey.remove(request.member.key());
            }
            events.waiting(-1);
            if (served) {
                request.member.recovered(request.since(partition), request.sent);
                events.replayed("kafka", "recovered");
            }
        }
    }

    /** The pending clients of {@code partition}, or none, in which case this scan thread ends. */
    private synchronized List<Request<F>> takeAllOrStop(int partition) {
        List<Request<F>> waiting = pending.remove(partition);
        if (waiting == null || waiting.isEmpty()) {
            scanning.remove(partition);
            return List.of();
        }
        return waiting;
    }

    private void failAll(int partition, List<Request<F>> active, String reason) {
        List<Request<F>> failed = new ArrayList<>(active);
        active.clear();
        synchronized (this) {
            List<Request<F>> waiting = pending.remove(partition);
            if (waiting != null) {
                failed.addAll(waiting);
            }
            scanning.remove(partition);
        }
        for (Request<F> request : failed) {
            request.member.unavailable(request.since(partition), reason);
            events.replayed("kafka", "failed");
            events.waiting(-1);
        }
    }

    private void refuse(Request<F> request, Cursor since, String reason) {
        request.member.unavailable(since, reason);
        events.replayed("kafka", "unavailable");
        events.waiting(-1);
    }

    private Map<String, Object> properties() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "push-gateway-catch-up",
                // the same view as the live consumer: committed events only
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // a reader of one scan: no group, nothing committed
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a position deleted under a running scan must fail it, not silently skip what the clients missed
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                // one poll is all a scan holds in memory
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
