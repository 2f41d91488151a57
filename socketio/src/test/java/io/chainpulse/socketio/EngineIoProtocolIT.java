package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Engine.IO v4 rules of the socket.io-protocol suite, against the conformance server on a free port. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EngineIoProtocolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SocketIoSettings SLOW_PINGS = new SocketIoSettings(Duration.ofSeconds(20),
            Duration.ofSeconds(5), 1_000_000, 1_000_000, 50, Duration.ofSeconds(45));
    private static final SocketIoSettings PATIENT_PONGS = new SocketIoSettings(Duration.ofMillis(300),
            Duration.ofMillis(1500), 1_000_000, 1_000_000, 50, Duration.ofSeconds(45));
    private static ConformanceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ConformanceServer.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void shouldOpenAPollingSessionWithTheServersSettings() throws Exception {
        HttpResponse<String> response = get("EIO=4&transport=polling");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("0");
        JsonNode open = JSON.readTree(response.body().substring(1));
        assertThat(open.properties()).extracting(entry -> entry.getKey())
                .containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
        assertThat(open.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
        assertThat(open.get("pingInterval").asInt()).isEqualTo(300);
        assertThat(open.get("pingTimeout").asInt()).isEqualTo(200);
        assertThat(open.get("maxPayload").asInt()).isEqualTo(1_000_000);
    }

    @Test
    void shouldAnswer400ToABadVersionTransportOrMethod() throws Exception {
        assertThat(get("transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("EIO=abc&transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("EIO=4").statusCode()).isEqualTo(400);
        assertThat(get("EIO=4&transport=abc").statusCode()).isEqualTo(400);
        assertThat(send("POST", "EIO=4&transport=polling", "").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "EIO=4&transport=polling", "").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "EIO=4&transport=polling", "").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldOpenAWebSocketSessionWithoutUpgrades() throws Exception {
        TestWebSocket socket = TestWebSocket.open(server.port(), "EIO=4&transport=websocket");

        JsonNode open = JSON.readTree(socket.nextText().substring(1));

        assertThat(open.get("upgrades").isEmpty()).isTrue();
        assertThat(open.get("pingInterval").asInt()).isEqualTo(300);
        socket.close();
    }

    @Test
    void shouldRefuseAWebSocketWithABadVersionOrTransport() {
        assertThat(handshakeStatus("transport=websocket")).isEqualTo(400);
        assertThat(handshakeStatus("EIO=abc&transport=websocket")).isEqualTo(400);
        assertThat(handshakeStatus("EIO=4")).isEqualTo(400);
        assertThat(handshakeStatus("EIO=4&transport=abc")).isEqualTo(400);
    }

    private static int handshakeStatus(String query) {
        Throwable refused = catchThrowable(() -> TestWebSocket.open(server.port(), query));
        assertThat(refused).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    @Test
    void shouldPingAPollingClientOnePingIntervalAfterTheHandshakeAndAfterEachPong() throws Exception {
        try (ConformanceServer patient = ConformanceServer.start(0, PATIENT_PONGS, Admission.OPEN)) {
            String sid = pollingSession(patient);
            for (int i = 0; i < 3; i++) {
                long before = System.nanoTime();
                HttpResponse<String> poll = send(patient, "GET", "EIO=4&transport=polling&sid=" + sid, "");
                long waitedMillis = (System.nanoTime() - before) / 1_000_000;

                assertThat(poll.statusCode()).isEqualTo(200);
                assertThat(poll.body()).isEqualTo("2");
                assertThat(waitedMillis).as("the ping waits for the ping interval").isGreaterThanOrEqualTo(200);
                assertThat(send(patient, "POST", "EIO=4&transport=polling&sid=" + sid, "3").statusCode())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void shouldCloseAPollingSessionWhoseClientAnswersNoPing() throws Exception {
        String sid = pollingSession();

        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> get("EIO=4&transport=polling&sid=" + sid).statusCode() == 400);
    }

    @Test
    void shouldPingAWebSocketClientAndCloseItWhenItStopsAnswering() throws Exception {
        // pongs may be slow on a busy machine: a longer ping timeout than the suite's, the same rule
        try (ConformanceServer patient = ConformanceServer.start(0, PATIENT_PONGS, Admission.OPEN)) {
            TestWebSocket socket = TestWebSocket.session(patient.port());
            for (int i = 0; i < 3; i++) {
                assertThat(socket.nextRaw()).isEqualTo("2");
                socket.send("3");
            }
            assertThat(socket.nextRaw()).isEqualTo("2");

            assertThat(socket.closeCode(5)).isEqualTo(1011);
        }
    }

    @Test
    void shouldAnswerThePollInFlightWithANoopWhenThePollingClientCloses() throws Exception {
        // a ping interval long enough that the poll waits for the close, not for a ping
        try (ConformanceServer slow = ConformanceServer.start(0, SLOW_PINGS, Admission.OPEN)) {
            String sid = pollingSession(slow);
            CompletableFuture<HttpResponse<String>> poll = HTTP.sendAsync(
                    request(slow, "GET", "EIO=4&transport=polling&sid=" + sid, ""), HttpResponse.BodyHandlers.ofString());

            assertThat(send(slow, "POST", "EIO=4&transport=polling&sid=" + sid, "1").statusCode()).isEqualTo(200);

            assertThat(poll.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(poll.get().body()).isEqualTo("6");
            assertThat(send(slow, "GET", "EIO=4&transport=polling&sid=" + sid, "").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void shouldAnswerTheOvertakenPollWithANoopWhenTheCloseArrivesFirst() throws Exception {
        try (ConformanceServer slow = ConformanceServer.start(0, SLOW_PINGS, Admission.OPEN)) {
            String sid = pollingSession(slow);

            assertThat(send(slow, "POST", "EIO=4&transport=polling&sid=" + sid, "1").statusCode()).isEqualTo(200);

            assertThat(send(slow, "GET", "EIO=4&transport=polling&sid=" + sid, "").body()).isEqualTo("6");
            assertThat(send(slow, "GET", "EIO=4&transport=polling&sid=" + sid, "").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void shouldCloseAWebSocketWhenTheClientSendsClose() {
        TestWebSocket socket = TestWebSocket.session(server.port());

        socket.send("1");

        assertThat(socket.closeCode(5)).isEqualTo(1000);
    }

    @Test
    void shouldUpgradeAPollingSessionAndRefuseItsPollsAndAnotherWebSocketAfterwards() throws Exception {
        String sid = pollingSession();
        TestWebSocket probe = TestWebSocket.open(server.port(), "EIO=4&transport=websocket&sid=" + sid);

        probe.send("2probe");
        assertThat(probe.nextText()).isEqualTo("3probe");
        probe.send("5");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> get("EIO=4&transport=polling&sid=" + sid).statusCode() == 400);
        TestWebSocket second = TestWebSocket.open(server.port(), "EIO=4&transport=websocket&sid=" + sid);
        assertThat(second.closeCode(5)).isEqualTo(1008);
        probe.send("3");
        assertThat(probe.isClosed()).isFalse();
        probe.close();
    }

    @Test
    void shouldAnswerAPollPendingAtTheUpgradeWith400() throws Exception {
        String sid = pollingSession();
        TestWebSocket probe = TestWebSocket.open(server.port(), "EIO=4&transport=websocket&sid=" + sid);
        CompletableFuture<HttpResponse<String>> poll = HTTP.sendAsync(request("GET", "EIO=4&transport=polling&sid=" + sid, ""),
                HttpResponse.BodyHandlers.ofString());

        probe.send("2probe");
        probe.send("5");

        assertThat(poll.get(5, TimeUnit.SECONDS).statusCode()).isIn(200, 400);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> get("EIO=4&transport=polling&sid=" + sid).statusCode() == 400);
        probe.close();
    }

    @Test
    void shouldRefuseAPollingBodyLargerThanMaxPayloadWith413BeforeReadingIt() throws Exception {
        String sid = pollingSession();

        // with Expect: 100-continue the client sends the body only if the server reads it
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/socket.io/?EIO=4&transport=polling&sid=" + sid)).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("4".repeat(1_000_001))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
    }

    private static String pollingSession() throws Exception {
        return pollingSession(server);
    }

    private static String pollingSession(ConformanceServer target) throws Exception {
        return JSON.readTree(send(target, "GET", "EIO=4&transport=polling", "").body().substring(1)).get("sid").asText();
    }

    static HttpResponse<String> get(String query) throws Exception {
        return send("GET", query, "");
    }

    static HttpResponse<String> send(String method, String query, String body) throws Exception {
        return send(server, method, query, body);
    }

    private static HttpResponse<String> send(ConformanceServer target, String method, String query, String body)
            throws Exception {
        return HTTP.send(request(target, method, query, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, String query, String body) {
        return request(server, method, query, body);
    }

    private static HttpRequest request(ConformanceServer target, String method, String query, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/socket.io/?" + query))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
