package io.chainpulse.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelsTest {
    private static final String KEY = "creator-1";

    record TestFrame(String key, Cursor cursor) implements Frame {}

    /** Records what a member was sent, as a client would see it. */
    static class RecordingMember implements ChannelMember<TestFrame> {
        final List<String> seen = new ArrayList<>();
        private final OrderedDelivery<TestFrame> delivery =
                new OrderedDelivery<>(frame -> true, frame -> seen.add(frame.cursor().toString()));

        @Override
        public String key() {
            return KEY;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void deliver(TestFrame frame) {
            delivery.deliver(frame);
        }

        @Override
        public void beginReplay(Cursor since) {
            delivery.beginReplay(since);
        }

        @Override
        public void replay(TestFrame frame) {
            delivery.replay(frame);
        }

        @Override
        public void recovered(Cursor since, int events) {
            delivery.endReplay(() -> seen.add("RECOVERED " + events));
        }

        @Override
        public void unavailable(Cursor since, String reason) {
            delivery.abandonReplay(since, () -> seen.add("UNAVAILABLE " + reason));
        }
    }

    private static Channels<TestFrame> channelsReadingFrom(long start) {
        Channels<TestFrame> channels = new Channels<>(10);
        channels.startingAt(Map.of(0, start));
        channels.readUpTo(Map.of(0, start));
        return channels;
    }

    private static void consume(Channels<TestFrame> channels, long from, long to) {
        for (long offset = from; offset <= to; offset++) {
            channels.publish(new TestFrame(KEY, new Cursor(0, offset)));
        }
        channels.readUpTo(Map.of(0, to + 1));
    }

    @Test
    void shouldServeFromMemoryWhenTheConsumerHasReadUpToTheLogEnd() {
        // Given a consumer that has read offsets 0..5 and a log that ends at 6
        Channels<TestFrame> channels = channelsReadingFrom(0);
        consume(channels, 0, 5);
        RecordingMember member = new RecordingMember();

        // When a client that saw offset 2 comes back
        ReplayPlan plan = channels.attachAfter(member, new Cursor(0, 2), 6);

        // Then memory serves 3..5
        assertThat(plan).isEqualTo(new ReplayPlan.Served(3));
        assertThat(member.seen).containsExactly("0-3", "0-4", "0-5", "RECOVERED 3");
    }

    @Test
    void shouldReadKafkaUpToTheLogEndWhenTheConsumerHasNotCaughtUp() {
        // Given 100 events written after offset 0, of which the consumer has read only 43 (memory holds the newest 10)
        Channels<TestFrame> channels = channelsReadingFrom(0);
        consume(channels, 0, 43);
        RecordingMember member = new RecordingMember();

        // When the client that saw offset 0 comes back while the log already ends at 101
        ReplayPlan plan = channels.attachAfter(member, new Cursor(0, 0), 101);

        // Then the replay reaches the log end, not only what the consumer had read
        assertThat(plan).isEqualTo(new ReplayPlan.FromKafka(0, 0, 100));
    }

    @Test
    void shouldNotAnswerFromMemoryThatStillCoversWhileTheConsumerLags() {
        // Given memory that covers everything after offset 0, but the consumer has read only up to offset 3
        Channels<TestFrame> channels = channelsReadingFrom(0);
        consume(channels, 0, 3);
        RecordingMember member = new RecordingMember();

        // When the client comes back and the log ends at 10
        ReplayPlan plan = channels.attachAfter(member, new Cursor(0, 0), 10);

        // Then it is not told RECOVERED with 3 of 9 events: Kafka reads up to 9
        assertThat(plan).isEqualTo(new ReplayPlan.FromKafka(0, 0, 9));
        assertThat(member.seen).isEmpty();
    }

    @Test
    void shouldSendHeldLiveEventsAfterTheReplayWithoutTheOnesItAlreadySent() {
        // Given a member replaying from Kafka up to offset 9 while the consumer publishes 4..12 live
        Channels<TestFrame> channels = channelsReadingFrom(0);
        consume(channels, 0, 3);
        RecordingMember member = new RecordingMember();
        channels.attachAfter(member, new Cursor(0, 0), 10);
        consume(channels, 4, 12);

        // When the Kafka replay sends 1..9 and ends
        for (long offset = 1; offset <= 9; offset++) {
            member.replay(new TestFrame(KEY, new Cursor(0, offset)));
        }
        member.recovered(new Cursor(0, 0), 9);

        // Then every position arrives once, in order, with RECOVERED after the nine it missed
        assertThat(member.seen).containsExactly("0-1", "0-2", "0-3", "0-4", "0-5", "0-6", "0-7", "0-8", "0-9",
                "RECOVERED 9", "0-10", "0-11", "0-12");
    }

    @Test
    void shouldSayUnknownForACursorAtOrPastTheLogEnd() {
        Channels<TestFrame> channels = channelsReadingFrom(0);
        consume(channels, 0, 3);
        RecordingMember member = new RecordingMember();

        ReplayPlan plan = channels.attachAfter(member, new Cursor(0, 50), 4);

        assertThat(plan).isInstanceOf(ReplayPlan.Unavailable.class);
        assertThat(member.seen).singleElement().asString().startsWith("UNAVAILABLE unknown position");
    }

    @Test
    void shouldKeepPublishingWhenAMemberLeavesWhileAnEventIsOfferedToIt() {
        // Given a member that leaves its channel as soon as it gets an event (as a socket whose queue overflows and
        // whose close Jetty reports at once, on the publishing thread), and a member after it
        Channels<TestFrame> channels = channelsReadingFrom(0);
        RecordingMember leaving = new RecordingMember() {
            @Override
            public void deliver(TestFrame frame) {
                super.deliver(frame);
                channels.detach(this);
            }
        };
        RecordingMember staying = new RecordingMember();
        channels.attach(leaving);
        channels.attach(staying);

        // When two events are published
        consume(channels, 0, 1);

        // Then the one that left got the first only, and the other got both
        assertThat(leaving.seen).containsExactly("0-0");
        assertThat(staying.seen).containsExactly("0-0", "0-1");
    }

    @Test
    void shouldRemoveAChannelWithoutEventsWhenItsLastMemberLeaves() {
        // Given two members of a key that has no events
        Channels<TestFrame> channels = channelsReadingFrom(0);
        RecordingMember first = new RecordingMember();
        RecordingMember second = new RecordingMember();
        channels.attach(first);
        channels.attach(second);
        assertThat(channels.size()).isEqualTo(1);

        // When one leaves, the channel stays; when the last leaves, it is gone
        channels.detach(first);
        assertThat(channels.size()).isEqualTo(1);
        channels.detach(second);
        assertThat(channels.size()).isZero();

        // Then a member that comes later still gets the key's events
        RecordingMember later = new RecordingMember();
        channels.attach(later);
        consume(channels, 0, 0);
        assertThat(later.seen).containsExactly("0-0");
    }

    @Test
    void shouldKeepAChannelWithEventsForReplaysAfterItsLastMemberLeaves() {
        // Given a key with two events and a member that leaves
        Channels<TestFrame> channels = channelsReadingFrom(0);
        RecordingMember leaving = new RecordingMember();
        channels.attach(leaving);
        consume(channels, 0, 1);
        channels.detach(leaving);

        // Then the channel stays, and a client that saw the first is served the second from memory
        assertThat(channels.size()).isEqualTo(1);
        RecordingMember back = new RecordingMember();
        channels.attachAfter(back, new Cursor(0, 0), 2);
        assertThat(back.seen).containsExactly("0-1", "RECOVERED 1");
    }
}
