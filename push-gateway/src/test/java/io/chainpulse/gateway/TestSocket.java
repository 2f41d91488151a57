package io.chainpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that records every text message and how the socket closed. */
final class TestSocket implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    // appended once per message (a copy-on-write list would copy all of them each time: slow at 20,000)
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final List<String> pongs = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closeReason;
    private final boolean paused;
    private WebSocket socket;

    private TestSocket(boolean paused) {
        this.paused = paused;
    }

    static TestSocket connect(String url) {
        return connect(url, false);
    }

    /** A client that reads nothing until {@link #resume()}. */
    static TestSocket connectNotReading(String url) {
        return connect(url, true);
    }

    private static TestSocket connect(String url, boolean paused) {
        return connect(url, paused, null);
    }

    /** A client that sends an {@code Origin} header, as a browser page does. */
    static TestSocket connectFrom(String origin, String url) {
        return connect(url, false, origin);
    }

    private static TestSocket connect(String url, boolean paused, String origin) {
        TestSocket listener = new TestSocket(paused);
        var builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        listener.socket = builder.buildAsync(URI.create(url), listener).orTimeout(10, TimeUnit.SECONDS).join();
        return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (!paused) {
            webSocket.request(1);
        }
    }

    void resume() {
        socket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.add(StandardCharsets.UTF_8.decode(message).toString());
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    /** The payloads of the pongs received, as text. */
    List<String> pongs() {
        return List.copyOf(pongs);
    }

    int messageCount() {
        return messages.size();
    }

    List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** The messages of one {@code type} (every message when null), parsed. */
    List<JsonNode> ofType(String type) {
        var json = new ObjectMapper();
        return messages().stream().map(text -> {
            try {
                return json.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }).filter(node -> type == null || type.equals(node.path("type").asText())).toList();
    }

    /** The ids of the tip events received, in arrival order. */
    List<String> tipIds() {
        return ofType("TIP_SENT").stream().map(node -> node.get("id").asText()).toList();
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    /** The close code the server sent, once closed. */
    int closeCode() {
        return closeCode.getNow(-1);
    }

    String closeReason() {
        return closeReason;
    }

    WebSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
