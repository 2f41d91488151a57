package io.chainpulse.gateway.socketio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine.IO v4 text packets: one type digit, then data. Polling payloads join packets with the record separator
 * (0x1e); a WebSocket frame carries one packet. Binary packets are not used by this gateway.
 */
final class EnginePackets {
    static final char OPEN = '0';
    static final char CLOSE = '1';
    static final char PING = '2';
    static final char PONG = '3';
    static final char MESSAGE = '4';
    static final char UPGRADE = '5';
    static final char NOOP = '6';
    static final byte SEPARATOR = 0x1e;

    static final byte[] PING_PACKET = {PING};
    static final byte[] NOOP_PACKET = {NOOP};
    static final byte[] CLOSE_PACKET = {CLOSE};
    static final String PROBE = "probe";

    private EnginePackets() {}

    static byte[] of(char type, String data) {
        return (type + data).getBytes(StandardCharsets.UTF_8);
    }

    /** The packets of a polling POST body. */
    static List<String> split(String payload) {
        List<String> packets = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= payload.length(); i++) {
            if (i == payload.length() || payload.charAt(i) == (char) SEPARATOR) {
                packets.add(payload.substring(start, i));
                start = i + 1;
            }
        }
        return packets;
    }

    /** One polling GET body of several packets. */
    static byte[] join(List<byte[]> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            out.writeBytes(packets.get(i));
        }
        return out.toByteArray();
    }
}
