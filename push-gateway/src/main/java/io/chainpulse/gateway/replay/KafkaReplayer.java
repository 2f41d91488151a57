package io.chainpulse.gateway.replay;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.Frame;
import io.chainpulse.gateway.feed.FrameDecoder;
import io.chainpulse.gateway.session.ChannelMember;
import io.chainpulse.gateway.session.Channels;
import io.chainpulse.gateway.session.ReplayPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a returning member up to date from its cursor, off the caller's thread: it looks up where the partition
 * ends, attaches the member to its channel (which serves memory when it can), and otherwise reads the partition
 * between the two offsets with a short-lived consumer, then lets the member's held live events follow. A position
 * below the log start (deleted by retention) or at or past the log end (unknown) is refused with an explicit notice.
 * At most a few replays read Kafka at once, so a mass reconnect queues instead of opening a consumer per client.
 */
public final class KafkaReplayer<F extends Frame> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaReplayer.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final FrameDecoder<F> decoder;
    private final LogEnds logEnds;
    private final Clock clock;
    private final Semaphore readers;
    private final BiConsumer<String, String> outcomes;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param outcomes told the source ({@code memory} or {@code kafka}) and outcome ({@code recovered},
     *     {@code unavailable} or {@code failed}) of each replay, for metrics
     */
    public KafkaReplayer(String bootstrapServers, String topic, FrameDecoder<F> decoder, LogEnds logEnds, Clock clock,
            int concurrentReaders, BiConsumer<String, String> outcomes) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.decoder = decoder;
        this.logEnds = logEnds;
        this.clock = clock;
        this.readers = new Semaphore(concurrentReaders);
        this.outcomes = outcomes;
    }

    /** Attaches {@code member} to its channel with everything after {@code since} sent first; returns at once. */
    public void resume(ChannelMember<F> member, Cursor since, Channels<F> channels) {
        executor.execute(() -> {
            try {
                catchUp(member, since, channels);
            } catch (RuntimeException e) {
                log.warn("replay for {} after {} failed: {}", member.key(), since, e.toString());
                member.unavailable(since, "history could not be read: " + e.getMessage());
                outcomes.accept("kafka", "failed");
            } finally {
                if (!member.isOpen()) {
                    channels.detach(member);
                }
            }
        });
    }

    private void catchUp(ChannelMember<F> member, Cursor since, Channels<F> channels) {
        Optional<String> refusal = channels.refusal(member.key(), since);
        if (refusal.isPresent()) {
            channels.attach(member);
            member.unavailable(since, refusal.get());
            outcomes.accept("memory", "unavailable");
            return;
        }
        long logEnd;
        try {
            logEnd = logEnds.endOf(new TopicPartition(topic, since.partition()));
        } catch (RuntimeException e) {
            channels.attach(member);
            throw e;
        }
        switch (channels.attachAfter(member, since, logEnd)) {
            case ReplayPlan.Served served -> outcomes.accept("memory", "recovered");
            case ReplayPlan.Unavailable unavailable -> outcomes.accept("memory", "unavailable");
            case ReplayPlan.FromKafka plan -> readWithPermit(member, plan);
        }
    }

    private void readWithPermit(ChannelMember<F> member, ReplayPlan.FromKafka plan) {
        try {
            readers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read history", e);
        }
        try {
            run(member, plan);
        } finally {
            readers.release();
        }
    }

    private void run(ChannelMember<F> member, ReplayPlan.FromKafka plan) {
        Cursor since = new Cursor(plan.partition(), plan.afterOffset());
        TopicPartition partition = new TopicPartition(topic, plan.partition());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> assignment = List.of(partition);
            consumer.assign(assignment);
            long logStart = consumer.beginningOffsets(assignment, READ_LIMIT).get(partition);
            long logEnd = consumer.endOffsets(assignment, READ_LIMIT).get(partition);
            if (plan.afterOffset() >= logEnd) {
                refuse(member, since, "unknown position: the log of these events ends before " + since);
                return;
            }
            if (plan.afterOffset() + 1 < logStart) {
                refuse(member, since, "position " + since + " is older than the topic's retention");
                return;
            }
            int sent = 0;
            if (plan.upToOffset() > plan.afterOffset()) {
                sent = read(consumer, partition, member, plan);
            }
            member.recovered(since, sent);
            outcomes.accept("kafka", "recovered");
            log.debug("replayed {} events from Kafka to a member of {} after {}", sent, member.key(), since);
        }
    }

    private int read(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, ChannelMember<F> member,
            ReplayPlan.FromKafka plan) {
        consumer.seek(partition, plan.afterOffset() + 1);
        long deadline = clock.millis() + READ_LIMIT.toMillis();
        int sent = 0;
        while (consumer.position(partition) <= plan.upToOffset()) {
            if (clock.millis() > deadline) {
                throw new IllegalStateException("reading history took longer than " + READ_LIMIT.toSeconds() + " s");
            }
            if (!member.isOpen()) {
                return sent;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() > plan.upToOffset()) {
                    break;
                }
                if (member.key().equals(record.key())) {
                    try {
                        member.replay(decoder.decode(record, clock.instant()));
                        sent++;
                    } catch (RuntimeException e) {
                        log.warn("skipping unreadable record at {}/{}/{} during replay: {}", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        return sent;
    }

    private void refuse(ChannelMember<F> member, Cursor since, String reason) {
        member.unavailable(since, reason);
        outcomes.accept("kafka", "unavailable");
    }

    private Map<String, Object> properties() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "push-gateway-replay",
                // the same view as the live consumer: committed events only
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
