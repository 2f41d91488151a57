package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client speaking raw Engine.IO: what it receives waits in a queue (text as String, binary as
 * byte[]), and its close code is kept. Once connected to a namespace it answers pings by itself.
 */
final class TestWebSocket implements WebSocket.Listener {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket socket;
    private volatile boolean autoPong;

    static TestWebSocket open(int port, String query) {
        TestWebSocket listener = new TestWebSocket();
        listener.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?" + query), listener).join();
        return listener;
    }

    /** A WebSocket session that has done the Engine.IO handshake; returns the handshake's text. */
    static TestWebSocket session(int port) {
        TestWebSocket socket = open(port, "EIO=4&transport=websocket");
        assertThat(socket.nextText()).startsWith("0{");
        return socket;
    }

    /** A session connected to the main namespace, its connect answer and auth event read. */
    static TestWebSocket connected(int port) {
        TestWebSocket socket = session(port);
        socket.autoPong = true;
        socket.send("40");
        assertThat(socket.nextText()).startsWith("40{\"sid\":");
        assertThat(socket.nextText()).isEqualTo("42[\"auth\",{}]");
        return socket;
    }

    synchronized void send(String message) {
        socket.sendText(message, true).join();
    }

    synchronized void sendBinary(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).join();
    }

    /** The next message other than a ping, within 5 s. */
    Object next() {
        try {
            while (true) {
                Object message = received.poll(5, TimeUnit.SECONDS);
                assertThat(message).as("a message within 5 s").isNotNull();
                if (!"2".equals(message)) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message, pings included, within 5 s. */
    String nextRaw() {
        try {
            Object message = received.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message within 5 s").isInstanceOf(String.class);
            return (String) message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String nextText() {
        Object message = next();
        assertThat(message).isInstanceOf(String.class);
        return (String) message;
    }

    /** The close code the server sent, waiting up to {@code seconds}. */
    int closeCode(int seconds) {
        return closed.orTimeout(seconds, TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    synchronized void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            if (autoPong && message.equals("2")) {
                Thread.ofVirtual().start(() -> send("3"));
            } else {
                received.add(message);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
