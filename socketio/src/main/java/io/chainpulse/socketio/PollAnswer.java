package io.chainpulse.socketio;

import java.util.concurrent.CompletableFuture;

/** What a polling GET gets from its session: a body to answer with (now or later), or a refusal now. */
sealed interface PollAnswer {
    /** The packets, once there are any (a pending poll); {@link EngineSocket#UPGRADED_BODY} means answer 400. */
    record Body(CompletableFuture<byte[]> body) implements PollAnswer {}

    /** A second poll while one is pending: the session is closed. */
    record Overlapping() implements PollAnswer {}

    /** The session moved to WebSocket: the request is refused, the session lives on. */
    record Upgraded() implements PollAnswer {}

    /** The pong is overdue: the session is closed now rather than at its timer. */
    record Expired() implements PollAnswer {}
}
