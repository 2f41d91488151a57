package io.chainpulse.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * WebSocket upgrades and plain GETs written by hand, for requests a well-behaved client cannot send (a malformed
 * percent escape, a query of many kilobytes): the HTTP status of the answer and, after a 101, the code of the first
 * close frame.
 */
final class RawUpgrade {
    private RawUpgrade() {}

    /** {@code "414"} when the upgrade is refused with that status; {@code "101 1008"} when the socket opens and is closed. */
    static String answerTo(int port, String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = headOf(in);
            String status = head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4);
            if (!status.equals("101")) {
                return status;
            }
            int opcode = in.read() & 0x0F;
            int length = in.read() & 0x7F;
            if (opcode != 0x8 || length < 2) {
                return status + " opcode " + opcode;
            }
            return status + " " + ((in.read() << 8) | in.read());
        }
    }

    /** The HTTP status of a plain {@code GET} of {@code pathAndQuery}, which may hold what a URI may not. */
    static String statusOfGet(int port, String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = headOf(socket.getInputStream());
            return head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4);
        }
    }

    private static String headOf(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
