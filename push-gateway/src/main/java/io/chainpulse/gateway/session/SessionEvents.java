package io.chainpulse.gateway.session;

/** What a socket reports about itself, for metrics and for closing slow consumers. Implementations must not block. */
public interface SessionEvents {
    /** One frame left for the client. */
    void sent(ClientSession session);

    /** The outbound queue overflowed: the client reads slower than events arrive. */
    void overflowed(ClientSession session);

    /** A socket was refused during its handshake, with this close code. */
    void refused(int closeCode);
}
