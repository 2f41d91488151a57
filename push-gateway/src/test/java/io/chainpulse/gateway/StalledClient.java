package io.chainpulse.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain TCP socket with a tiny receive buffer that reads nothing after the handshake, as a
 * frozen browser tab does; {@link #readUntilClose()} later drains it and returns the server's close code. The JDK
 * client cannot play this part: the kernel would buffer megabytes for it.
 */
final class StalledClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private String handshake = "";

    private StalledClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static StalledClient connect(String url) throws IOException {
        return connect(url, "");
    }

    /** @param extraHeaders more request headers, each ending in CRLF (e.g. an extension offer) */
    static StalledClient connect(String url, String extraHeaders) throws IOException {
        URI uri = URI.create(url);
        Socket socket = new Socket();
        // set before connect so the TCP window stays small instead of auto-tuning to megabytes
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        StalledClient client = new StalledClient(socket);
        String status = client.readHeaders();
        client.handshake = status;
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        return client;
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed during the handshake");
            }
            headers.append((char) next);
        }
        return headers.toString();
    }

    /** The server's handshake response: status line and headers. */
    String handshake() {
        return handshake;
    }

    /** Reads frames until the server's close frame and returns its code; -1 when the connection ends without one. */
    int readUntilClose() throws IOException {
        InputStream input = in;
        while (true) {
            int first = input.read();
            if (first < 0) {
                return -1;
            }
            int opcode = first & 0x0F;
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (opcode == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
