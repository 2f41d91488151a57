package io.chainpulse.gateway.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.feed.Cursor;

/** The gateway's own messages to a client, next to the events: how a replay went. */
public final class Notices {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Notices() {}

    /** Every event after {@code since} was sent; what follows is live. */
    public static byte[] recovered(Cursor since, int events) {
        return bytes(JSON.createObjectNode().put("type", "RECOVERED").put("since", since.toString())
                .put("recovered", true).put("events", events));
    }

    /**
     * The events after {@code since} cannot be sent: the client should reload the REST history. Live events follow.
     */
    public static byte[] replayUnavailable(Cursor since, String creatorId, String reason) {
        return bytes(JSON.createObjectNode().put("type", "REPLAY_UNAVAILABLE").put("since", since.toString())
                .put("recovered", false).put("reason", reason)
                .put("action", "reload recent tips from historyUrl; live events follow this message")
                .put("historyUrl", "/api/creators/" + creatorId + "/tips"));
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree of strings and numbers", e);
        }
    }
}
