package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.Frame;

/**
 * A subscriber of one key's events (a tip socket of a creator, a Socket.IO client in an address's room). Calls
 * come from the consumer thread and from replay threads; implementations serialize them and never block.
 */
public interface ChannelMember<F extends Frame> {
    /** The key whose events this member wants. */
    String key();

    boolean isOpen();

    /** A live event. */
    void deliver(F frame);

    /** Starts a replay after {@code since}: live events are held until it ends. */
    void beginReplay(Cursor since);

    /** A replayed event, in topic order. */
    void replay(F frame);

    /** Ends the replay: {@code events} were sent after {@code since}; held live events follow. */
    void recovered(Cursor since, int events);

    /** Gives up (or refuses) a replay from {@code since}: the client is told why, and live events follow. */
    void unavailable(Cursor since, String reason);
}
