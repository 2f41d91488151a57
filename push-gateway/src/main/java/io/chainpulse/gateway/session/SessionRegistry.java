package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.TipFrame;
import io.chainpulse.gateway.feed.TipSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Utils;

/**
 * Open sockets by creator, and each creator's recent events. The consumer thread publishes an event to its
 * creator's channel; a socket attaches to the channel under the same lock, so an event is either in the replay it
 * gets or delivered live to it, never both and never neither. Thread-safe.
 */
public final class SessionRegistry implements TipSink {
    private final int recentPerCreator;
    private final Map<String, CreatorChannel> channels = new ConcurrentHashMap<>();
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile Map<Integer, Long> startOffsets = Map.of();

    public SessionRegistry(int recentPerCreator) {
        this.recentPerCreator = recentPerCreator;
    }

    @Override
    public void startingAt(Map<Integer, Long> offsets) {
        Map<Integer, Long> merged = new HashMap<>(startOffsets);
        merged.putAll(offsets);
        startOffsets = Map.copyOf(merged);
    }

    @Override
    public void publish(TipFrame frame) {
        channel(frame.creatorId()).publish(frame);
    }

    /** Attaches a socket that wants live events only. */
    public void attach(ClientSession session) {
        sessions.add(session);
        channel(session.creatorId()).attach(session);
    }

    /** Attaches a socket that last saw {@code since}; what it missed is sent from memory or planned from Kafka. */
    public ReplayPlan attachAfter(ClientSession session, Cursor since) {
        Map<Integer, Long> starts = startOffsets;
        if (!starts.isEmpty() && since.partition() != partitionOf(session.creatorId(), starts.size())) {
            attach(session);
            String reason = "cursor " + since + " is not a position of this creator's events";
            session.sendControl(Notices.replayUnavailable(since, session.creatorId(), reason));
            return new ReplayPlan.Unavailable(reason);
        }
        sessions.add(session);
        return channel(session.creatorId()).attachAfter(session, since, starts.getOrDefault(since.partition(), 0L));
    }

    /** Removes a socket; safe to call more than once (close and error both call it). */
    public void detach(ClientSession session) {
        if (sessions.remove(session)) {
            CreatorChannel channel = channels.get(session.creatorId());
            if (channel != null) {
                channel.detach(session);
            }
        }
    }

    public List<ClientSession> sessions() {
        return List.copyOf(sessions);
    }

    public List<ClientSession> sessionsOf(String creatorId) {
        return sessions.stream().filter(session -> session.creatorId().equals(creatorId)).toList();
    }

    public int size() {
        return sessions.size();
    }

    private CreatorChannel channel(String creatorId) {
        return channels.computeIfAbsent(creatorId, id -> new CreatorChannel(recentPerCreator));
    }

    /** The partition the default Kafka partitioner puts a creator's events in. */
    static int partitionOf(String creatorId, int partitions) {
        return Utils.toPositive(Utils.murmur2(creatorId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static final class CreatorChannel {
        private final RecentTips recent;
        private final List<ClientSession> members = new ArrayList<>();

        CreatorChannel(int capacity) {
            this.recent = new RecentTips(capacity);
        }

        synchronized void publish(TipFrame frame) {
            recent.add(frame);
            for (ClientSession member : members) {
                member.deliver(frame);
            }
        }

        synchronized void attach(ClientSession session) {
            members.add(session);
        }

        synchronized ReplayPlan attachAfter(ClientSession session, Cursor since, long startOffset) {
            members.add(session);
            session.beginReplay(since);
            if (recent.coversAfter(since.offset(), startOffset)) {
                List<TipFrame> missed = recent.after(since.offset());
                if (since.offset() >= Math.max(startOffset, recent.newestOffset() + 1)) {
                    // ahead of what this instance has read: the cursor may come from a faster instance; check it exists
                    return new ReplayPlan.FromKafka(since.partition(), since.offset(), since.offset());
                }
                missed.forEach(session::replay);
                session.endReplay(Notices.recovered(since, missed.size()));
                return new ReplayPlan.Served(missed.size());
            }
            long upTo = Math.max(recent.newestOffset(), startOffset - 1);
            return new ReplayPlan.FromKafka(since.partition(), since.offset(), upTo);
        }

        synchronized void detach(ClientSession session) {
            members.remove(session);
        }
    }
}
