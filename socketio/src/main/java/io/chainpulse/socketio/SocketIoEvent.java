package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;

/**
 * An event a client emitted: its name, its arguments (where {@code {"_placeholder":true,"num":i}} stands for binary
 * attachment i), and the acknowledgement it asked for, if any.
 */
public record SocketIoEvent(String name, ArrayNode args, List<byte[]> attachments, Optional<Ack> ack) {
    /** The answer to an event the client sent with an ack id; answering more than once sends only the first. */
    public interface Ack {
        void send(JsonNode... args);

        /** An answer with binary attachments, placeholders in {@code args} as in an event. */
        void sendBinary(ArrayNode args, List<byte[]> attachments);
    }

    /** Argument {@code index}, or null when there are fewer. */
    public JsonNode arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }
}
