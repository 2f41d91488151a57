package io.chainpulse.socketio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine.IO v4 packets: one type digit, then data. A WebSocket frame carries one packet (a binary frame is a binary
 * message); a polling payload joins packets with the record separator (0x1e), a binary one written as {@code b} and
 * its base64.
 */
final class EnginePackets {
    static final char OPEN = '0';
    static final char CLOSE = '1';
    static final char PING = '2';
    static final char PONG = '3';
    static final char MESSAGE = '4';
    static final char UPGRADE = '5';
    static final char NOOP = '6';
    static final char BASE64 = 'b';
    static final byte SEPARATOR = 0x1e;

    static final byte[] PING_PACKET = {PING};
    static final byte[] NOOP_PACKET = {NOOP};
    static final byte[] CLOSE_PACKET = {CLOSE};
    static final String PROBE = "probe";

    /** One outbound packet: text (type digit and data, UTF-8) or a binary message. */
    record Outbound(byte[] bytes, boolean binary) {
        static Outbound text(byte[] bytes) {
            return new Outbound(bytes, false);
        }

        int size() {
            return bytes.length;
        }
    }

    /** One inbound packet: text (type digit and data) or a binary message. */
    record Inbound(String text, byte[] binary) {
        static Inbound text(String text) {
            return new Inbound(text, null);
        }

        static Inbound binary(byte[] binary) {
            return new Inbound(null, binary);
        }

        boolean isBinary() {
            return binary != null;
        }
    }

    private EnginePackets() {}

    static byte[] of(char type, String data) {
        return (type + data).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The packets of a polling POST body. Throws {@link IllegalArgumentException} when a binary packet's base64 is
     * not valid.
     */
    static List<Inbound> split(String payload) {
        List<Inbound> packets = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= payload.length(); i++) {
            if (i == payload.length() || payload.charAt(i) == (char) SEPARATOR) {
                String packet = payload.substring(start, i);
                if (!packet.isEmpty() && packet.charAt(0) == BASE64) {
                    packets.add(Inbound.binary(Base64.getDecoder().decode(packet.substring(1))));
                } else {
                    packets.add(Inbound.text(packet));
                }
                start = i + 1;
            }
        }
        return packets;
    }

    /** One polling GET body of several packets. */
    static byte[] join(List<Outbound> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            Outbound packet = packets.get(i);
            if (packet.binary()) {
                out.write(BASE64);
                out.writeBytes(Base64.getEncoder().encode(packet.bytes()));
            } else {
                out.writeBytes(packet.bytes());
            }
        }
        return out.toByteArray();
    }
}
