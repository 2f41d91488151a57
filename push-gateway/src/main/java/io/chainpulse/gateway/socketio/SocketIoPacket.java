package io.chainpulse.gateway.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalLong;

/**
 * A Socket.IO v5 packet as carried in an Engine.IO message: {@code <type>[<namespace>,][<ack id>][<json>]}, e.g.
 * {@code 0} (connect), {@code 2["join-stream-room","G…"]} (event), {@code 21["join-stream-room",{…}]} (event
 * wanting an ack). Binary packets (types 5 and 6) are refused.
 */
record SocketIoPacket(int type, String namespace, OptionalLong ackId, JsonNode data) {
    static final int CONNECT = 0;
    static final int DISCONNECT = 1;
    static final int EVENT = 2;
    static final int ACK = 3;
    static final int CONNECT_ERROR = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses one packet; throws {@link IllegalArgumentException} naming what is wrong. */
    static SocketIoPacket parse(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '6') {
            throw new IllegalArgumentException("not a Socket.IO packet type");
        }
        int type = text.charAt(0) - '0';
        if (type == 5 || type == 6) {
            throw new IllegalArgumentException("binary packets are not accepted");
        }
        int at = 1;
        String namespace = "/";
        if (at < text.length() && text.charAt(at) == '/') {
            int comma = text.indexOf(',', at);
            namespace = comma < 0 ? text.substring(at) : text.substring(at, comma);
            at = comma < 0 ? text.length() : comma + 1;
        }
        int digits = at;
        while (digits < text.length() && Character.isDigit(text.charAt(digits)) && digits - at < 18) {
            digits++;
        }
        OptionalLong ackId = digits > at ? OptionalLong.of(Long.parseLong(text.substring(at, digits))) : OptionalLong.empty();
        JsonNode data = null;
        if (digits < text.length()) {
            try {
                data = JSON.readTree(text.substring(digits));
            } catch (Exception e) {
                throw new IllegalArgumentException("payload is not JSON");
            }
        }
        if (type == EVENT && (data == null || !data.isArray() || data.isEmpty() || !data.get(0).isTextual())) {
            throw new IllegalArgumentException("an event must be a JSON array starting with its name");
        }
        return new SocketIoPacket(type, namespace, ackId, data);
    }
}
