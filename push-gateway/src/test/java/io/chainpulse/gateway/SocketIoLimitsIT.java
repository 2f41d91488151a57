package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Socket.IO client that joins room after room: it holds at most the limit, and what it leaves behind goes. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SocketIoLimitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CHANNELS = Pattern.compile("(?m)^gateway_channels(?:\\{[^}]*})? ([0-9.eE+-]+)$");
    private static final int CONNECTIONS_PER_MINUTE = 10;
    private static TestStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
        gateway = stack.startGateway(Map.of("SOCKETIO_PING_INTERVAL_MS", "1000", "SOCKETIO_PING_TIMEOUT_MS", "5000"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldHoldAtMost50RoomsPerSocketAndDropTheChannelsWhenItLeaves() throws Exception {
        double before = channels();
        Recorder recorder = new Recorder();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + gateway.port()
                + "/socket.io/?EIO=4&transport=websocket"), recorder).join();
        recorder.send(socket, "40");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received("40{").size() == 1);

        // When one socket asks for 20,000 rooms with distinct names
        for (int i = 0; i < 20_000; i++) {
            recorder.send(socket, "42[\"join-stream-room\",\"flood-" + i + "\"]");
        }

        // Then 50 are joined and every other join is refused with room-error
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.received("42[\"room-error\"").size() == 19_950);
        assertThat(recorder.events("joined-room")).hasSize(50);
        assertThat(recorder.events("room-error").get(0).get("message").asText()).contains("at most 50 rooms");
        assertThat(recorder.events("room-error").get(0).get("event").asText()).isEqualTo("join-stream-room");
        assertThat(channels()).isLessThanOrEqualTo(before + 50);
        assertHealthy();

        // And once it leaves, the channels it made are gone within seconds
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> channels() == before);
        assertHealthy();
    }

    @Test
    void shouldCountJoinsWithSinceAgainstTheConnectionRate() {
        try (GatewayApp limited = stack.startGateway(Map.of("WS_CONNECTIONS_PER_IP_PER_MINUTE",
                String.valueOf(CONNECTIONS_PER_MINUTE)))) {
            joinWithSinceBeyondTheRate(limited);
        }
    }

    private static void joinWithSinceBeyondTheRate(GatewayApp limited) {
        // Given a socket (one connection of this address's rate)
        Recorder recorder = new Recorder();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + limited.port()
                + "/socket.io/?EIO=4&transport=websocket"), recorder).join();
        recorder.send(socket, "40");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received("40{").size() == 1);

        // When it joins more rooms with since than the rate allows connections
        for (int i = 0; i < CONNECTIONS_PER_MINUTE; i++) {
            recorder.send(socket, "42[\"join-stream-room\",{\"address\":\"replay-" + i + "\",\"since\":\"0-0\"}]");
        }

        // Then the joins past the rate are refused, and joins without since still work
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.received("42[\"room-error\"").size()
                + recorder.received("42[\"joined-room\"").size() == CONNECTIONS_PER_MINUTE);
        assertThat(recorder.events("room-error")).isNotEmpty().allSatisfy(error ->
                assertThat(error.get("message").asText()).contains("too many joins with since"));
        recorder.send(socket, "42[\"join-stream-room\",\"live-only\"]");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.events("joined-room").stream()
                .anyMatch(joined -> joined.get("userAddress").asText().equals("live-only")));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    private static double channels() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = CHANNELS.matcher(metrics);
        assertThat(matcher.find()).as("gateway_channels in /metrics: %s", metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static void assertHealthy() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    /** Keeps every text message but pings, which it answers. */
    private static final class Recorder implements WebSocket.Listener {
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (message.equals("2")) {
                    Thread.ofVirtual().start(() -> send(webSocket, "3"));
                } else {
                    messages.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        /** One send at a time: the JDK client refuses a send while another is in progress. */
        synchronized void send(WebSocket webSocket, String message) {
            webSocket.sendText(message, true).join();
        }

        List<String> received(String prefix) {
            return messages.stream().filter(message -> message.startsWith(prefix)).toList();
        }

        List<JsonNode> events(String name) {
            return received("42[\"" + name + "\"").stream().map(message -> {
                try {
                    return JSON.readTree(message.substring(2)).get(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
