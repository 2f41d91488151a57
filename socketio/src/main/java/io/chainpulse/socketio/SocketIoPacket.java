package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.OptionalLong;

/**
 * A Socket.IO v5 packet as carried in an Engine.IO message:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<json>]}, e.g. {@code 0} (connect), {@code 2["hello",1]}
 * (event), {@code 21["hello",1]} (event wanting ack 1), {@code 51-["file",{"_placeholder":true,"num":0}]} (event with
 * one binary attachment, sent in the next binary message). Only packets a client may send are accepted: connect
 * (payload an object or none), disconnect (no payload), event and binary event (an array starting with a string), ack
 * and binary ack (an array).
 */
record SocketIoPacket(int type, String namespace, int attachments, OptionalLong ackId, JsonNode data) {
    static final int CONNECT = 0;
    static final int DISCONNECT = 1;
    static final int EVENT = 2;
    static final int ACK = 3;
    static final int CONNECT_ERROR = 4;
    static final int BINARY_EVENT = 5;
    static final int BINARY_ACK = 6;

    /** Ack ids the reference client sends are counters; more digits than this are not an id. */
    private static final int MAX_ACK_DIGITS = 15;
    private static final int MAX_NAMESPACE_LENGTH = 256;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Parses one packet; throws {@link IllegalArgumentException} naming what is wrong. */
    static SocketIoPacket parse(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '6') {
            throw new IllegalArgumentException("not a Socket.IO packet type");
        }
        int type = text.charAt(0) - '0';
        if (type == CONNECT_ERROR) {
            throw new IllegalArgumentException("a client does not send connect errors");
        }
        int at = 1;
        int attachments = 0;
        if (type == BINARY_EVENT || type == BINARY_ACK) {
            int dash = text.indexOf('-', at);
            if (dash < 0 || dash == at || dash - at > 2 || !digits(text, at, dash)) {
                throw new IllegalArgumentException("a binary packet must start with its number of attachments and -");
            }
            attachments = Integer.parseInt(text.substring(at, dash));
            if (attachments > SocketIoSettings.MAX_ATTACHMENTS) {
                throw new IllegalArgumentException("more than " + SocketIoSettings.MAX_ATTACHMENTS + " attachments");
            }
            at = dash + 1;
        }
        String namespace = "/";
        if (at < text.length() && text.charAt(at) == '/') {
            int comma = text.indexOf(',', at);
            int end = comma < 0 ? text.length() : comma;
            if (end - at > MAX_NAMESPACE_LENGTH) {
                throw new IllegalArgumentException("namespace longer than " + MAX_NAMESPACE_LENGTH);
            }
            namespace = text.substring(at, end);
            at = comma < 0 ? text.length() : comma + 1;
        }
        int digits = at;
        while (digits < text.length() && isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits - at > MAX_ACK_DIGITS) {
            throw new IllegalArgumentException("ack id longer than " + MAX_ACK_DIGITS + " digits");
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
        if (data != null && data.isMissingNode()) {
            data = null;
        }
        check(type, ackId, data);
        return new SocketIoPacket(type, namespace, attachments, ackId, data);
    }

    private static void check(int type, OptionalLong ackId, JsonNode data) {
        switch (type) {
            case CONNECT -> {
                if (data != null && !data.isObject()) {
                    throw new IllegalArgumentException("a connect payload must be an object");
                }
            }
            case DISCONNECT -> {
                if (data != null) {
                    throw new IllegalArgumentException("a disconnect has no payload");
                }
            }
            case EVENT, BINARY_EVENT -> {
                if (data == null || !data.isArray() || data.isEmpty() || !data.get(0).isTextual()) {
                    throw new IllegalArgumentException("an event must be a JSON array starting with its name");
                }
            }
            default -> {
                if (ackId.isEmpty() || data == null || !data.isArray()) {
                    throw new IllegalArgumentException("an ack must be an ack id and a JSON array");
                }
            }
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
