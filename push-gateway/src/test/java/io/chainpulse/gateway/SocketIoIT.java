package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The npm socket.io-client 4.8 against the gateway's Socket.IO endpoint, over each transport. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SocketIoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
        gateway = stack.startGateway(Map.of("FRONTEND_URL", "http://app.example", "SOCKETIO_PING_INTERVAL_MS", "1000",
                "SOCKETIO_PING_TIMEOUT_MS", "2000"));
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

    private static String url() {
        return "http://127.0.0.1:" + gateway.port();
    }

    private static SocketIoNodeClient joined(String transport, String address, String since) {
        SocketIoNodeClient client = SocketIoNodeClient.connect(url(), transport);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.connected() || !client.events("connect_error").isEmpty());
        assertThat(client.events("connect_error")).as(client.stderr()).isEmpty();
        if (since == null) {
            client.emit("join-stream-room", address);
        } else {
            client.emit("join-stream-room", Map.of("address", address, "since", since));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("joined-room").isEmpty());
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling", "upgrade"})
    void shouldDeliverTheEventsOfTheJoinedRoomOnlyUntilTheClientLeaves(String transport) {
        String alice = TestStreams.anAccount();
        String bob = TestStreams.anAccount();
        try (SocketIoNodeClient client = joined(transport, alice, null)) {
            JsonNode joined = client.events("joined-room").get(0);
            assertThat(joined.get("userAddress").asText()).isEqualTo(alice);
            assertThat(joined.get("roomName").asText()).isEqualTo("stream-" + alice);

            stack.sendStream(TestStreams.aNewStream(bob, "7", bob, alice));
            stack.sendStream(TestStreams.aNewStream(alice, "7", bob, alice));
            stack.sendStream(TestStreams.aBalanceUpdate(alice, "7", "250"));

            await().atMost(Duration.ofSeconds(20)).until(() -> client.events("balance-update").size() == 1);
            assertThat(client.events("new-stream")).singleElement().satisfies(event -> {
                assertThat(event.get("streamId").asText()).isEqualTo("7");
                assertThat(event.get("sender").asText()).isEqualTo(bob);
                assertThat(event.get("receiver").asText()).isEqualTo(alice);
                assertThat(event.get("status").asText()).isEqualTo("ACTIVE");
                assertThat(event.get("id").asText()).matches("\\d+-\\d+");
            });
            assertThat(client.events("balance-update").get(0).get("newBalance").asText()).isEqualTo("250");

            client.emit("leave-stream-room", alice);
            await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("left-room").isEmpty());
            stack.sendStream(TestStreams.aBalanceUpdate(alice, "7", "500"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> client.events("balance-update").size() == 1);
            if (transport.equals("upgrade")) {
                assertThat(client.events("upgrade")).singleElement().extracting(JsonNode::asText).isEqualTo("websocket");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void shouldReplayWhatAClientMissedWhenItRejoinsWithItsLastId(String transport) {
        String alice = TestStreams.anAccount();
        String lastId;
        try (SocketIoNodeClient client = joined(transport, alice, null)) {
            stack.sendStream(TestStreams.aNewStream(alice, "1", alice, TestStreams.anAccount()));
            await().atMost(Duration.ofSeconds(20)).until(() -> client.events("new-stream").size() == 1);
            lastId = client.events("new-stream").get(0).get("id").asText();
        }
        stack.sendStream(TestStreams.aNewStream(alice, "2", alice, TestStreams.anAccount()));
        stack.sendStream(TestStreams.aBalanceUpdate(alice, "2", "10"));

        try (SocketIoNodeClient client = joined(transport, alice, lastId)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !client.events("stream-recovered").isEmpty());
            assertThat(client.events("new-stream")).extracting(event -> event.get("streamId").asText()).containsExactly("2");
            assertThat(client.events("balance-update")).hasSize(1);
            assertThat(client.events("stream-recovered").get(0).get("events").asInt()).isEqualTo(2);

            stack.sendStream(TestStreams.aNewStream(alice, "3", alice, TestStreams.anAccount()));
            await().atMost(Duration.ofSeconds(20)).until(() -> client.events("new-stream").size() == 2);
            assertThat(client.all().stream().map(line -> line.get("event").asText())
                    .filter(name -> !name.equals("connect") && !name.equals("joined-room")).toList())
                    .containsExactly("new-stream", "balance-update", "stream-recovered", "new-stream");
        }
    }

    @Test
    void shouldCountSocketIoClientsAndRoomsInStatusAndHealth() throws Exception {
        String alice = TestStreams.anAccount();
        try (SocketIoNodeClient client = joined("websocket", alice, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.socketIoClients() >= 1);
            JsonNode status = JSON.readTree(get("/ws-status").body());
            JsonNode health = JSON.readTree(get("/health").body());

            assertThat(status.get("socketIo").get("clients").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(status.get("socketIo").get("rooms").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(status.get("userConnections").get(alice).asInt()).isEqualTo(1);
            assertThat(status.get("connectedUsers")).anyMatch(address -> address.asText().equals(alice));
            assertThat(health.get("connectedUsers").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(health.get("socketIo").get("clients").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void shouldAnswerCorsForTheFrontendAndRefuseOtherOrigins() throws Exception {
        HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/socket.io/?EIO=4&transport=polling"))
                .header("Origin", "http://app.example").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/socket.io/?EIO=4&transport=polling"))
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://app.example");
        assertThat(allowed.body()).startsWith("0{\"sid\":");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldRefuseAnotherEngineIoVersionAndAnUnknownSession() throws Exception {
        assertThat(get("/socket.io/?EIO=3&transport=polling").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get("/socket.io/?EIO=4&transport=polling&sid=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).isEqualTo("Session ID unknown");
    }

    @Test
    void shouldCloseASessionThatAnswersNoPing() throws Exception {
        // a polling handshake, then silence: the ping waits unread and no pong comes
        HttpResponse<String> handshake = get("/socket.io/?EIO=4&transport=polling");
        String sid = JSON.readTree(handshake.body().substring(1)).get("sid").asText();
        assertThat(JSON.readTree(handshake.body().substring(1)).get("pingInterval").asInt()).isEqualTo(1000);

        // ping after 1 s, closed once the pong is more than 2 s late
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
                post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "6").body().contains("Session ID unknown"));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
