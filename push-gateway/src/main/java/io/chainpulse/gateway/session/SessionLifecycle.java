package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import java.util.Optional;

/** What the gateway does when a tip socket opens and when it ends; one instance serves every socket. */
public interface SessionLifecycle {
    /** The socket is open: register it, replay from {@code since} when present. */
    void opened(ClientSession session, Optional<Cursor> since);

    /** The socket ended (closed, failed or dropped); may be called more than once. */
    void ended(ClientSession session);
}
