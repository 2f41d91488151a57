package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.FeedSink;
import io.chainpulse.gateway.feed.Frame;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;

/**
 * One channel per record key (creator, address) with its members and its recent events. The consumer thread
 * publishes an event to its key's channel; a member attaches under the same lock, so an event is either in the
 * replay it gets or delivered live to it, never both and never neither. A channel that has no event is removed when
 * its last member leaves (so keys that clients invent cost nothing once they go); one with events stays for replays.
 * Thread-safe.
 */
public final class Channels<F extends Frame> implements FeedSink<F> {
    private final int recentPerKey;
    private final Map<String, Channel<F>> channels = new ConcurrentHashMap<>();
    private final Map<Integer, Long> readUpTo = new ConcurrentHashMap<>();
    private volatile Map<Integer, Long> startOffsets = Map.of();

    public Channels(int recentPerKey) {
        this.recentPerKey = recentPerKey;
    }

    @Override
    public void startingAt(Map<Integer, Long> offsets) {
        Map<Integer, Long> merged = new HashMap<>(startOffsets);
        merged.putAll(offsets);
        startOffsets = Map.copyOf(merged);
    }

    @Override
    public void publish(F frame) {
        onChannel(frame.key(), channel -> {
            channel.publish(frame);
            return null;
        });
    }

    @Override
    public void readUpTo(Map<Integer, Long> positions) {
        readUpTo.putAll(positions);
    }

    /** Attaches a member that wants live events only. */
    public void attach(ChannelMember<F> member) {
        onChannel(member.key(), channel -> {
            channel.attach(member);
            return null;
        });
    }

    /** Why {@code since} cannot be a position of {@code key}'s events (another partition), or empty. */
    public Optional<String> refusal(String key, Cursor since) {
        Map<Integer, Long> starts = startOffsets;
        if (!starts.isEmpty() && since.partition() != partitionOf(key, starts.size())) {
            return Optional.of("cursor " + since + " is not a position of these events");
        }
        return Optional.empty();
    }

    /**
     * Attaches a member that last saw {@code since}, given the end of its partition looked up just before: what it
     * missed up to that end is sent from memory when the consumer has read that far and memory reaches back, or is
     * planned from Kafka.
     */
    public ReplayPlan attachAfter(ChannelMember<F> member, Cursor since, long logEnd) {
        long start = startOffsets.getOrDefault(since.partition(), 0L);
        long read = readUpTo.getOrDefault(since.partition(), start);
        return onChannel(member.key(), channel -> channel.attachAfter(member, since, start, read, logEnd));
    }

    /** Removes a member; safe to call more than once. */
    public void detach(ChannelMember<F> member) {
        Channel<F> channel = channels.get(member.key());
        if (channel == null) {
            return;
        }
        synchronized (channel) {
            channel.detach(member);
            if (channel.removable()) {
                channel.retired = true;
                channels.remove(member.key(), channel);
            }
        }
    }

    /** Channels held in memory. */
    public int size() {
        return channels.size();
    }

    /** Keys with at least one member: the rooms in use. */
    public long occupied() {
        return channels.values().stream().filter(Channel::occupied).count();
    }

    /** Members per key, for the keys with at least one member, in key order. */
    public Map<String, Integer> memberCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        channels.forEach((key, channel) -> {
            int members = channel.size();
            if (members > 0) {
                counts.put(key, members);
            }
        });
        return counts;
    }

    /** Runs {@code action} under the lock of {@code key}'s channel, made if missing and never one already removed. */
    private <R> R onChannel(String key, Function<Channel<F>, R> action) {
        while (true) {
            Channel<F> channel = channels.computeIfAbsent(key, id -> new Channel<>(recentPerKey));
            synchronized (channel) {
                if (!channel.retired) {
                    return action.apply(channel);
                }
            }
        }
    }

    /** The partition the default Kafka partitioner puts a key's records in. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static final class Channel<F extends Frame> {
        private final RecentFrames<F> recent;
        // a member can leave while an event is offered to it (its queue overflows, it closes, and Jetty may report the
        // close at once, on this thread): publishing iterates a snapshot
        private final List<ChannelMember<F>> members = new CopyOnWriteArrayList<>();
        /** Removed from the map: whoever still holds it looks the key up again. Guarded by this channel's lock. */
        private boolean retired;

        Channel(int capacity) {
            this.recent = new RecentFrames<>(capacity);
        }

        synchronized void publish(F frame) {
            recent.add(frame);
            for (ChannelMember<F> member : members) {
                member.deliver(frame);
            }
        }

        synchronized void attach(ChannelMember<F> member) {
            members.add(member);
        }

        synchronized ReplayPlan attachAfter(ChannelMember<F> member, Cursor since, long startOffset, long readUpTo,
                long logEnd) {
            members.add(member);
            member.beginReplay(since);
            if (since.offset() >= logEnd) {
                String reason = "unknown position: the log of these events ends before " + since;
                member.unavailable(since, reason);
                return new ReplayPlan.Unavailable(reason);
            }
            // memory answers only once the consumer has read everything that existed when the client came back;
            // before that, the events between what it read and that end are still on their way
            if (readUpTo >= logEnd && recent.coversAfter(since.offset(), startOffset)) {
                List<F> missed = recent.after(since.offset());
                missed.forEach(member::replay);
                member.recovered(since, missed.size());
                return new ReplayPlan.Served(missed.size());
            }
            return new ReplayPlan.FromKafka(since.partition(), since.offset(), Math.max(recent.newestOffset(), logEnd - 1));
        }

        synchronized void detach(ChannelMember<F> member) {
            members.remove(member);
        }

        synchronized boolean occupied() {
            return !members.isEmpty();
        }

        synchronized int size() {
            return members.size();
        }

        synchronized boolean removable() {
            return members.isEmpty() && recent.isEmpty();
        }
    }
}
