package io.chainpulse.gateway.replay;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.Frame;
import io.chainpulse.gateway.feed.FrameDecoder;
import io.chainpulse.gateway.session.ChannelMember;
import io.chainpulse.gateway.session.Channels;
import io.chainpulse.gateway.session.ReplayPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a returning member up to date from its cursor, off the caller's thread: it looks up where the partition
 * ends, attaches the member to its channel (which serves memory when it can), and otherwise hands it to the shared
 * catch-up scan of its partition, which reads between the two offsets once for every client waiting on it, then lets
 * the member's held live events follow. A position below the log start (deleted by retention) or at or past the log
 * end (unknown) is refused with an explicit notice.
 */
public final class KafkaReplayer<F extends Frame> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaReplayer.class);

    private final String topic;
    private final LogEnds logEnds;
    private final CatchUpScans<F> scans;
    private final ReplayEvents events;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param concurrentScans partitions read from Kafka at once, each by one scan shared by all its waiting clients
     * @param gather how long a scan waits for more clients before it starts reading
     * @param events told how each replay went, and how the scans progress, for metrics
     */
    public KafkaReplayer(String bootstrapServers, String topic, FrameDecoder<F> decoder, LogEnds logEnds, Clock clock,
            int concurrentScans, Duration gather, ReplayEvents events) {
        this.topic = topic;
        this.logEnds = logEnds;
        this.scans = new CatchUpScans<>(bootstrapServers, topic, decoder, clock, concurrentScans, gather, events);
        this.events = events;
    }

    /** Attaches {@code member} to its channel with everything after {@code since} sent first; returns at once. */
    public void resume(ChannelMember<F> member, Cursor since, Channels<F> channels) {
        executor.execute(() -> {
            try {
                catchUp(member, since, channels);
            } catch (RuntimeException e) {
                log.warn("replay for {} after {} failed: {}", member.key(), since, e.toString());
                member.unavailable(since, "history could not be read: " + e.getMessage());
                events.replayed("kafka", "failed");
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
            events.replayed("memory", "unavailable");
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
            case ReplayPlan.Served served -> events.replayed("memory", "recovered");
            case ReplayPlan.Unavailable unavailable -> events.replayed("memory", "unavailable");
            case ReplayPlan.FromKafka plan -> scans.submit(member, plan);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        scans.close();
    }
}
