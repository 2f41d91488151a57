package io.chainpulse.gateway.feed;

import io.chainpulse.schemas.AvroSerde;
import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.tip.TipEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one Kafka consumer: it reads every partition of the tips topic from its end at start, on its own
 * thread, and hands each event, serialized once, to the sink. A record that cannot be read is logged and skipped.
 */
public final class TipsConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TipsConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, TipEvent> topic;
    private final AvroSerde<TipEvent> serde;
    private final TipSink sink;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<Integer, Long> lag = new ConcurrentHashMap<>();
    private volatile long lastPollMillis;
    private Thread thread;

    @SuppressWarnings("unchecked")
    public TipsConsumer(String bootstrapServers, Topic<String, TipEvent> topic, TipSink sink, Clock clock) {
        this.consumer = new KafkaConsumer<>(properties(bootstrapServers), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.topic = topic;
        this.serde = (AvroSerde<TipEvent>) topic.valueSerde();
        this.sink = sink;
        this.clock = clock;
    }

    static Map<String, Object> properties(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "push-gateway-live");
        // the processor writes tips in transactions; an aborted tip must never reach a screen
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // no group: every gateway instance reads all partitions, and positions come from client cursors, not commits
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // only used when our position falls off retention while we are behind: carry on from what is left
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /**
     * Assigns every partition and positions at their end offsets before returning, so that any tip written after
     * this call reaches clients; then starts the poll thread. A topic that does not exist yet is waited for on the
     * poll thread and read from its beginning, since everything in it is newer than this call.
     */
    public TipsConsumer start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("tips consumer already started");
        }
        boolean assigned = tryAssignAtEnd();
        thread = Thread.ofPlatform().name("gateway-tips-consumer").daemon(true).start(() -> run(assigned));
        return this;
    }

    private boolean tryAssignAtEnd() {
        List<TopicPartition> partitions = partitions();
        if (partitions.isEmpty()) {
            log.warn("topic {} does not exist yet; the gateway will read it from the beginning once it appears",
                    topic.name());
            return false;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        ends.forEach(consumer::seek);
        Map<Integer, Long> starts = new HashMap<>();
        ends.forEach((partition, offset) -> starts.put(partition.partition(), offset));
        sink.startingAt(starts);
        log.info("reading {} from its end: {} partitions at offsets {}", topic.name(), partitions.size(), starts);
        return true;
    }

    private void assignFromBeginning() {
        List<TopicPartition> partitions = List.of();
        while (running.get() && partitions.isEmpty()) {
            pause(Duration.ofSeconds(1));
            partitions = partitions();
        }
        if (!running.get()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<Integer, Long> starts = new HashMap<>();
        partitions.forEach(partition -> starts.put(partition.partition(), consumer.position(partition)));
        sink.startingAt(starts);
        log.info("topic {} appeared: reading {} partitions from offsets {}", topic.name(), partitions.size(), starts);
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void run(boolean assigned) {
        try {
            if (!assigned) {
                assignFromBeginning();
            }
            while (running.get()) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("tips consumer stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            log.info("tips consumer closed");
        }
    }

    private void pollOnce() {
        var records = consumer.poll(POLL);
        lastPollMillis = clock.millis();
        for (ConsumerRecord<String, byte[]> record : records) {
            toFrame(record).ifPresent(sink::publish);
        }
        for (TopicPartition partition : consumer.assignment()) {
            consumer.currentLag(partition).ifPresent(value -> lag.put(partition.partition(), value));
        }
    }

    private Optional<TipFrame> toFrame(ConsumerRecord<String, byte[]> record) {
        try {
            TipEvent event = serde.decode(record.value());
            return Optional.of(TipFrameEncoder.encode(event, new Cursor(record.partition(), record.offset()),
                    clock.instant()));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable tip at {}/{}/{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** True while the poll thread runs and polled within the last {@code within}. */
    public boolean isPolling(Duration within) {
        return running.get() && thread != null && thread.isAlive()
                && clock.millis() - lastPollMillis <= within.toMillis();
    }

    /** Records behind the end of each partition, as of the last poll. */
    public Map<Integer, Long> lag() {
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
