package io.chainpulse.gateway.feed;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one Kafka consumer: on its own thread it reads every partition of each feed's topic (tips, stream
 * events) and hands each record, decoded and serialized once, to the feed's sink. It starts each partition a number
 * of records before its end (the warm-up), so that the sinks' memory holds recent history before clients come back,
 * then carries on live. A record that cannot be read is logged with its position and skipped.
 */
public final class LiveConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(1);
    static final int MAX_POLL_RECORDS = 5_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Feed<?>> feeds = new HashMap<>();
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private final Set<String> waitingFor = new HashSet<>();
    private final long warmRecordsPerPartition;
    private final Runnable afterPublish;
    /** End offsets captured at start that the warm-up has not read up to yet; poll thread only. */
    private final Map<TopicPartition, Long> warmingUpTo = new HashMap<>();
    private final CountDownLatch warmed = new CountDownLatch(1);
    private long warmStartedMillis;
    private volatile long lastPollMillis;
    private long lastTopicCheckMillis;
    private Thread thread;

    /**
     * @param warmRecordsPerPartition how many of the latest records of each partition to read at start, before
     *     those written later; 0 starts at the end
     * @param afterPublish run on the poll thread once a poll's records are published, before the next poll: where
     *     the consumer waits for the sockets' writers, so that it never runs ahead of them
     */
    public LiveConsumer(String bootstrapServers, List<Feed<?>> feeds, long warmRecordsPerPartition,
            Runnable afterPublish, Clock clock) {
        this.consumer = new KafkaConsumer<>(properties(bootstrapServers), new StringDeserializer(),
                new ByteArrayDeserializer());
        feeds.forEach(feed -> this.feeds.put(feed.topic(), feed));
        this.warmRecordsPerPartition = warmRecordsPerPartition;
        this.afterPublish = afterPublish;
        this.clock = clock;
    }

    static Map<String, Object> properties(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "push-gateway-live");
        // the processor writes in transactions; an aborted event must never reach a screen
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // no group: every gateway instance reads all partitions, and positions come from client cursors, not commits
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // only used when our position falls off retention while we are behind: carry on from what is left
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a poll's events are queued to the sockets before the consumer waits for the writers: with Kafka's default of
        // 500 a socket got at most one frame per round, so every frame cost its own write under load; 5,000 lets
        // frames that wait for a writer share one gathered write (fan-out of 10,000 sockets: 76k -> 100k frames/s)
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        return props;
    }

    /**
     * Assigns every partition of the feeds' topics and positions each at {@code max(beginning, end - warm records)}
     * before returning, so that any event written after this call reaches clients and the latest ones before it fill
     * memory; then starts the poll thread. {@link #awaitWarm} tells when the end offsets captured here have been read.
     * A topic that does not exist yet is looked for every second on the poll thread and read from its beginning,
     * since all of it is newer than this.
     */
    public LiveConsumer start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("live consumer already started");
        }
        List<TopicPartition> assigned = new ArrayList<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : feeds.keySet()) {
            List<TopicPartition> partitions = partitions(topic);
            if (partitions.isEmpty()) {
                log.warn("topic {} does not exist yet; the gateway will read it from the beginning once it appears", topic);
                waitingFor.add(topic);
            } else {
                assigned.addAll(partitions);
            }
        }
        Map<TopicPartition, Long> starts = new HashMap<>();
        if (!assigned.isEmpty()) {
            consumer.assign(assigned);
            // read_committed: the last stable offsets, as far as this consumer can read
            ends.putAll(consumer.endOffsets(assigned, Duration.ofSeconds(30)));
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(assigned, Duration.ofSeconds(30));
            ends.forEach((partition, end) -> {
                long start = Math.max(beginnings.get(partition), end - warmRecordsPerPartition);
                starts.put(partition, start);
                consumer.seek(partition, start);
                if (start < end) {
                    warmingUpTo.put(partition, end);
                }
            });
            announceStarts(starts);
        }
        warmStartedMillis = clock.millis();
        if (warmingUpTo.isEmpty()) {
            warmed.countDown();
        } else {
            log.info("warming memory with up to {} records per partition, up to offsets {}", warmRecordsPerPartition,
                    warmingUpTo);
        }
        thread = Thread.ofPlatform().name("gateway-live-consumer").daemon(true).start(this::run);
        return this;
    }

    private void announceStarts(Map<TopicPartition, Long> starts) {
        Map<String, Map<Integer, Long>> byTopic = new HashMap<>();
        starts.forEach((partition, offset) ->
                byTopic.computeIfAbsent(partition.topic(), topic -> new HashMap<>()).put(partition.partition(), offset));
        byTopic.forEach((topic, offsets) -> {
            feeds.get(topic).sink().startingAt(offsets);
            feeds.get(topic).sink().readUpTo(offsets);
            log.info("reading {} from offsets {}", topic, offsets);
        });
    }

    private void addAppearedTopics() {
        long now = clock.millis();
        if (waitingFor.isEmpty() || now - lastTopicCheckMillis < TOPIC_CHECK.toMillis()) {
            return;
        }
        lastTopicCheckMillis = now;
        List<TopicPartition> appeared = new ArrayList<>();
        for (String topic : List.copyOf(waitingFor)) {
            List<TopicPartition> partitions = partitions(topic);
            if (!partitions.isEmpty()) {
                waitingFor.remove(topic);
                appeared.addAll(partitions);
            }
        }
        if (appeared.isEmpty()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        all.addAll(appeared);
        consumer.assign(all);
        consumer.seekToBeginning(appeared);
        Map<TopicPartition, Long> starts = new HashMap<>();
        appeared.forEach(partition -> starts.put(partition, consumer.position(partition)));
        announceStarts(starts);
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void run() {
        try {
            while (running.get()) {
                addAppearedTopics();
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                log.error("live consumer woken up while running", e);
            }
        } catch (RuntimeException e) {
            log.error("live consumer stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            log.info("live consumer closed");
        }
    }

    private void pollOnce() {
        if (consumer.assignment().isEmpty()) {
            pause(POLL);
            lastPollMillis = clock.millis();
            return;
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        lastPollMillis = clock.millis();
        for (ConsumerRecord<String, byte[]> record : records) {
            publish(feeds.get(record.topic()), record);
        }
        if (!records.isEmpty()) {
            afterPublish.run();
        }
        Map<String, Map<Integer, Long>> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.computeIfAbsent(partition.topic(), topic -> new HashMap<>())
                    .put(partition.partition(), consumer.position(partition));
            consumer.currentLag(partition).ifPresent(value -> lag.put(partition, value));
        }
        positions.forEach((topic, offsets) -> feeds.get(topic).sink().readUpTo(offsets));
        noteWarmProgress(positions);
    }

    private void noteWarmProgress(Map<String, Map<Integer, Long>> positions) {
        if (warmingUpTo.isEmpty()) {
            return;
        }
        warmingUpTo.entrySet().removeIf(entry -> positions.getOrDefault(entry.getKey().topic(), Map.of())
                .getOrDefault(entry.getKey().partition(), -1L) >= entry.getValue());
        if (warmingUpTo.isEmpty()) {
            log.info("memory warmed: read up to the end offsets captured at start in {} ms",
                    clock.millis() - warmStartedMillis);
            warmed.countDown();
        }
    }

    /**
     * Waits until the records that existed at {@link #start} have been read into the sinks, or {@code timeout}
     * passes; true when they have. Replays stay correct either way: memory answers only what has been read.
     */
    public boolean awaitWarm(Duration timeout) {
        try {
            return warmed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <F extends Frame> void publish(Feed<F> feed, ConsumerRecord<String, byte[]> record) {
        F frame;
        try {
            frame = feed.decoder().decode(record, clock.instant());
        } catch (RuntimeException e) {
            log.warn("skipping unreadable record at {}/{}/{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        feed.sink().publish(frame);
    }

    /** True while the poll thread runs and polled within the last {@code within}. */
    public boolean isPolling(Duration within) {
        return running.get() && thread != null && thread.isAlive()
                && clock.millis() - lastPollMillis <= within.toMillis();
    }

    /** Records behind the end of each partition, as of the last poll. */
    public Map<TopicPartition, Long> lag() {
        return Map.copyOf(lag);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        if (!running.getAndSet(false) || thread == null) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
