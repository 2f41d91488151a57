package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The npm {@code socket.io-client} 4, unmodified, run by node ({@code src/test/js/echo-client.mjs}) against the
 * conformance server: a custom namespace with auth, binary attachments both ways and an ack with binary, over each
 * transport (polling carries the attachments as base64).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NodeClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConformanceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ConformanceServer.start(0, new SocketIoSettings(Duration.ofSeconds(5),
                Duration.ofSeconds(5), 1_000_000, 1_000_000, 50, Duration.ofSeconds(45)),
                Admission.OPEN);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void shouldEchoBinaryEventsAndAcksToTheReferenceClient(String transport) throws Exception {
        Path root = Path.of(System.getProperty("chainpulse.repo.root", "..")).toAbsolutePath().normalize();
        assertThat(root.resolve("node_modules/socket.io-client")).as("npm ci done in " + root).isDirectory();
        Process node = new ProcessBuilder("node", root.resolve("socketio/src/test/js/echo-client.mjs").toString(),
                "http://127.0.0.1:" + server.port(), transport).directory(root.toFile()).redirectErrorStream(true).start();

        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        JsonNode result = JSON.readTree(output.lines().reduce((first, last) -> last).orElse("{}"));

        assertThat(result.has("error")).as(output).isFalse();
        assertThat(result.get("auth").toString()).isEqualTo("{\"token\":\"abc\"}");
        assertThat(result.get("messageBack").toString()).isEqualTo("[\"010203\",{\"three\":[true]}]");
        assertThat(result.get("ack").toString()).isEqualTo("[\"040506\",\"two\"]");
        assertThat(result.get("transport").asText()).isEqualTo(transport.equals("polling") ? "polling" : "websocket");
    }
}
