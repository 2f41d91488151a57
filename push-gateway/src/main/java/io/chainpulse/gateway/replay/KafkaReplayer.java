package io.chainpulse.gateway.replay;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.TipFrameEncoder;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.Notices;
import io.chainpulse.gateway.session.ReplayPlan;
import io.chainpulse.schemas.AvroSerde;
import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.tip.TipEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves replays that memory cannot: a short-lived consumer reads one partition between two offsets and sends the
 * creator's events found there, then the socket's held live events follow. A position below the log start (deleted
 * by retention) or at or past the log end (unknown) is refused with an explicit notice. At most a few replays read
 * Kafka at once, so a mass reconnect queues instead of opening a consumer per socket.
 */
public final class KafkaReplayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaReplayer.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Topic<String, TipEvent> topic;
    private final AvroSerde<TipEvent> serde;
    private final Clock clock;
    private final Semaphore readers;
    private final Consumer<String> outcomes;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** @param outcomes told {@code recovered}, {@code unavailable} or {@code failed} after each replay, for metrics */
    @SuppressWarnings("unchecked")
    public KafkaReplayer(String bootstrapServers, Topic<String, TipEvent> topic, Clock clock, int concurrentReaders,
            Consumer<String> outcomes) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.serde = (AvroSerde<TipEvent>) topic.valueSerde();
        this.clock = clock;
        this.readers = new Semaphore(concurrentReaders);
        this.outcomes = outcomes;
    }

    /** Runs the plan off the caller's thread; the session holds its live events until this ends its replay. */
    public void replay(ClientSession session, ReplayPlan.FromKafka plan) {
        executor.execute(() -> {
            try {
                readers.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                run(session, plan);
            } catch (RuntimeException e) {
                log.warn("replay for creator {} after {}-{} failed: {}", session.creatorId(), plan.partition(),
                        plan.afterOffset(), e.toString());
                Cursor since = new Cursor(plan.partition(), plan.afterOffset());
                session.abandonReplay(since, Notices.replayUnavailable(since, session.creatorId(),
                        "history could not be read: " + e.getMessage()));
                outcomes.accept("failed");
            } finally {
                readers.release();
            }
        });
    }

    private void run(ClientSession session, ReplayPlan.FromKafka plan) {
        Cursor since = new Cursor(plan.partition(), plan.afterOffset());
        TopicPartition partition = new TopicPartition(topic.name(), plan.partition());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> assignment = List.of(partition);
            consumer.assign(assignment);
            long logStart = consumer.beginningOffsets(assignment, READ_LIMIT).get(partition);
            long logEnd = consumer.endOffsets(assignment, READ_LIMIT).get(partition);
            if (plan.afterOffset() >= logEnd) {
                refuse(session, since, "unknown position: the log of this creator ends before " + since);
                return;
            }
            if (plan.afterOffset() + 1 < logStart) {
                refuse(session, since, "position " + since + " is older than the topic's retention");
                return;
            }
            int sent = 0;
            if (plan.upToOffset() > plan.afterOffset()) {
                sent = read(consumer, partition, session, plan);
            }
            session.endReplay(Notices.recovered(since, sent));
            outcomes.accept("recovered");
            log.debug("replayed {} events from Kafka to a socket of creator {} after {}", sent, session.creatorId(), since);
        }
    }

    private int read(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, ClientSession session,
            ReplayPlan.FromKafka plan) {
        consumer.seek(partition, plan.afterOffset() + 1);
        long deadline = clock.millis() + READ_LIMIT.toMillis();
        int sent = 0;
        while (consumer.position(partition) <= plan.upToOffset()) {
            if (clock.millis() > deadline) {
                throw new IllegalStateException("reading history took longer than " + READ_LIMIT.toSeconds() + " s");
            }
            if (!session.isOpen()) {
                return sent;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() > plan.upToOffset()) {
                    break;
                }
                if (session.creatorId().equals(record.key())) {
                    try {
                        session.replay(TipFrameEncoder.encode(serde.decode(record.value()),
                                new Cursor(record.partition(), record.offset()), clock.instant()));
                        sent++;
                    } catch (RuntimeException e) {
                        log.warn("skipping unreadable tip at {}/{}/{} during replay: {}", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        return sent;
    }

    private void refuse(ClientSession session, Cursor since, String reason) {
        session.abandonReplay(since, Notices.replayUnavailable(since, session.creatorId(), reason));
        outcomes.accept("unavailable");
    }

    private Map<String, Object> properties() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "push-gateway-replay",
                // the same view as the live consumer: committed tips only
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // a throwaway reader: no group, nothing committed
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
