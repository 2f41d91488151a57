package io.chainpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The npm {@code socket.io-client} 4, unmodified, run by node as a child process
 * ({@code src/test/js/stream-rooms-client.mjs}): emits what it is told and records every event it receives.
 */
public final class SocketIoNodeClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private SocketIoNodeClient(Process process) {
        this.process = process;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> read(process.inputReader(StandardCharsets.UTF_8), true));
        Thread.ofVirtual().start(() -> read(process.errorReader(StandardCharsets.UTF_8), false));
    }

    /** @param transport {@code websocket}, {@code polling}, or {@code upgrade} (polling first, then WebSocket) */
    public static SocketIoNodeClient connect(String gatewayUrl, String transport) {
        Path root = repoRoot();
        Path script = root.resolve("push-gateway/src/test/js/stream-rooms-client.mjs");
        try {
            return new SocketIoNodeClient(new ProcessBuilder("node", script.toString(), gatewayUrl, transport)
                    .directory(root.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (is it installed, and npm ci done?)", e);
        }
    }

    static Path repoRoot() {
        Path root = Path.of(System.getProperty("chainpulse.repo.root", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("node_modules/socket.io-client"))) {
            throw new IllegalStateException("socket.io-client is not installed under " + root + "; run npm ci there");
        }
        return root;
    }

    private void read(BufferedReader reader, boolean events) {
        try (BufferedReader lines = reader) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (events) {
                    received.add(JSON.readTree(line));
                } else {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            stderr.append("reading the client failed: ").append(e).append('\n');
        }
    }

    public void emit(String event, Object... args) {
        ArrayNode array = JSON.valueToTree(args);
        send(JSON.createObjectNode().put("emit", event).set("args", array).toString());
    }

    private void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the node client is gone: " + stderr, e);
        }
    }

    /** The first argument of every event named {@code event}, in order of arrival. */
    public List<JsonNode> events(String event) {
        return received.stream().filter(line -> line.get("event").asText().equals(event))
                .map(line -> line.get("args").size() > 0 ? line.get("args").get(0) : null).toList();
    }

    public boolean connected() {
        return !events("connect").isEmpty();
    }

    public List<JsonNode> all() {
        return List.copyOf(received);
    }

    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        try {
            send("{\"disconnect\":true}");
        } catch (UncheckedIOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
