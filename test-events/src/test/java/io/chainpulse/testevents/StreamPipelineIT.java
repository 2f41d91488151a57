package io.chainpulse.testevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.gateway.GatewayApp;
import io.chainpulse.gateway.SocketIoNodeClient;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test endpoints drive the whole pipeline: raw topic, a real processor, PostgreSQL, the stream-events and tips
 * topics, the gateway, and the npm socket.io-client (or a WebSocket overlay) at the end.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StreamPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PipelineStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = PipelineStack.start();
        gateway = stack.startGateway(Map.of());
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

    private static SocketIoNodeClient inRoomOf(String transport, String address) {
        SocketIoNodeClient client = SocketIoNodeClient.connect(url(), transport);
        await().atMost(Duration.ofSeconds(20)).until(client::connected);
        client.emit("join-stream-room", address);
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.events("joined-room").isEmpty());
        return client;
    }

    private static HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway's own count of open overlay sockets, from its Prometheus metrics. */
    private static int overlaysOpen() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher gauge = Pattern.compile("gateway_connections\\{channel=\"overlay\"[^}]*} ([0-9.]+)").matcher(metrics);
        return gauge.find() ? (int) Double.parseDouble(gauge.group(1)) : 0;
    }

    private static HttpResponse<String> postJson(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String withdrawn(String streamId) {
        return stack.database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT withdrawn::text FROM streams WHERE contract_id = :contract AND stream_id = :id")
                .bind("contract", PipelineStack.STELLAR_CONTRACT).bind("id", streamId).mapTo(String.class).one());
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void shouldCarryAStreamFromCreationToCancellationIntoTheRoomsOfSenderAndReceiver(String transport) throws Exception {
        String sender = PipelineStack.anAccount();
        String receiver = PipelineStack.anAccount();
        String streamId = String.valueOf(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        try (SocketIoNodeClient senderClient = inRoomOf(transport, sender);
                SocketIoNodeClient receiverClient = inRoomOf(transport, receiver)) {
            // create: new-stream ACTIVE in both rooms
            ok(post("/api/test/test-stream", Map.of("streamId", streamId, "sender", sender, "receiver", receiver,
                    "amount", "1000")));
            await().atMost(Duration.ofSeconds(60)).until(() -> senderClient.events("new-stream").size() == 1
                    && receiverClient.events("new-stream").size() == 1);
            for (SocketIoNodeClient client : new SocketIoNodeClient[] {senderClient, receiverClient}) {
                JsonNode created = client.events("new-stream").get(0);
                assertThat(created.get("streamId").asText()).isEqualTo(streamId);
                assertThat(created.get("sender").asText()).isEqualTo(sender);
                assertThat(created.get("receiver").asText()).isEqualTo(receiver);
                assertThat(created.get("amount").asText()).isEqualTo("1000");
                assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
            }

            // withdrawal: balance-update to the receiver; the same event again changes nothing
            JsonNode withdrawal = ok(post("/api/test/test-withdrawal", Map.of("streamId", streamId, "amount", "300")));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiverClient.events("balance-update").size() == 1);
            assertThat(receiverClient.events("balance-update").get(0).get("newBalance").asText()).isEqualTo("300");
            ok(post("/api/test/test-withdrawal", Map.of("eventId", withdrawal.get("eventId").asText())));
            ok(post("/api/test/test-withdrawal", Map.of("streamId", streamId, "amount", "200")));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiverClient.events("balance-update").size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiverClient.events("balance-update").size() == 2);
            assertThat(receiverClient.events("balance-update").get(1).get("newBalance").asText()).isEqualTo("500");
            assertThat(withdrawn(streamId)).isEqualTo("500");
            assertThat(senderClient.events("balance-update")).isEmpty();

            // after leave nothing arrives; cancel: new-stream CANCELED with total - to_sender
            receiverClient.emit("leave-stream-room", receiver);
            await().atMost(Duration.ofSeconds(10)).until(() -> !receiverClient.events("left-room").isEmpty());
            ok(post("/api/v1/test/test-cancellation", Map.of("streamId", streamId, "toReceiver", "100",
                    "toSender", "400")));
            await().atMost(Duration.ofSeconds(30)).until(() -> senderClient.events("new-stream").size() == 2);
            JsonNode canceled = senderClient.events("new-stream").get(1);
            assertThat(canceled.get("status").asText()).isEqualTo("CANCELED");
            assertThat(canceled.get("amount").asText()).isEqualTo("600");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiverClient.events("new-stream").size() == 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void shouldTakeTheOriginalBackendsDocumentedRequestsVerbatim(String transport) throws Exception {
        // the original's README bodies; the polling run takes its own stream id, since the first run used this one
        String streamId = "test-stream-123" + ("websocket".equals(transport) ? "" : "-polling");
        try (SocketIoNodeClient senderClient = inRoomOf(transport, "GDSENDER...");
                SocketIoNodeClient receiverClient = inRoomOf(transport, "GDRECEIVER...")) {
            ok(postJson("/api/test/test-stream", """
                    {"streamId":"%s","sender":"GDSENDER...","receiver":"GDRECEIVER...","amount":"1000000000"}"""
                    .formatted(streamId)));
            await().atMost(Duration.ofSeconds(60)).until(() -> senderClient.events("new-stream").size() == 1
                    && receiverClient.events("new-stream").size() == 1);
            for (SocketIoNodeClient client : new SocketIoNodeClient[] {senderClient, receiverClient}) {
                JsonNode created = client.events("new-stream").get(0);
                assertThat(created.get("streamId").asText()).isEqualTo(streamId);
                assertThat(created.get("sender").asText()).isEqualTo("GDSENDER...");
                assertThat(created.get("receiver").asText()).isEqualTo("GDRECEIVER...");
                assertThat(created.get("amount").asText()).isEqualTo("1000000000");
                assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
                assertThat(created.hasNonNull("timestamp")).isTrue();
            }

            ok(postJson("/api/test/test-withdrawal", """
                    {"streamId":"%s","amount":"500000000"}""".formatted(streamId)));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiverClient.events("balance-update").size() == 1);
            JsonNode balance = receiverClient.events("balance-update").get(0);
            assertThat(balance.get("address").asText()).isEqualTo("GDRECEIVER...");
            assertThat(balance.get("newBalance").asText()).isEqualTo("500000000");
            assertThat(balance.hasNonNull("timestamp")).isTrue();

            ok(postJson("/api/v1/test/test-cancellation", """
                    {"streamId":"%s","toReceiver":"750000000","toSender":"250000000"}""".formatted(streamId)));
            await().atMost(Duration.ofSeconds(30)).until(() -> senderClient.events("new-stream").size() == 2
                    && receiverClient.events("new-stream").size() == 2);
            JsonNode canceled = receiverClient.events("new-stream").get(1);
            assertThat(canceled.get("streamId").asText()).isEqualTo(streamId);
            assertThat(canceled.get("status").asText()).isEqualTo("CANCELED");
            assertThat(canceled.get("amount").asText()).isEqualTo("750000000");
            assertThat(senderClient.events("balance-update")).isEmpty();
        }
    }

    @Test
    void shouldBringATestTipToTheCreatorsOverlay() throws Exception {
        var creator = stack.aCreator();
        try (OverlaySocket overlay = OverlaySocket.connect("ws://127.0.0.1:" + gateway.port() + "/ws/overlay/"
                + creator.id() + "?token=" + creator.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> overlaysOpen() == 1);

            ok(post("/api/test/test-tip", Map.of("to", creator.creator().walletAddress(), "amountEth", "0.25")));

            await().atMost(Duration.ofSeconds(60)).until(() -> overlay.ofType("TIP_SENT").size() == 1);
            assertThat(overlay.ofType("TIP_SENT").get(0).get("amountEth").asText()).isEqualTo("0.25");
        }
    }

    @Test
    void shouldAnswer400NamingTheMissingOrBadField() throws Exception {
        HttpResponse<String> missing = post("/api/test/test-stream", Map.of("streamId", "1", "sender",
                PipelineStack.anAccount(), "amount", "5"));
        HttpResponse<String> badAmount = post("/api/v1/test/test-withdrawal", Map.of("streamId", "1", "amount", "-3"));
        HttpResponse<String> badTip = post("/api/test/test-tip", Map.of("to", "0x12", "amountEth", "1"));
        HttpResponse<String> unknownStream = post("/api/test/test-withdrawal", Map.of("streamId", "999", "amount", "3"));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("field").asText()).isEqualTo("receiver");
        assertThat(JSON.readTree(badAmount.body()).get("field").asText()).isEqualTo("amount");
        assertThat(JSON.readTree(badTip.body()).get("field").asText()).isEqualTo("to");
        assertThat(unknownStream.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownStream.body()).get("error").asText()).contains("streamId");
    }

    @Test
    void shouldAnswer404WhenTestEndpointsAreOff() throws Exception {
        try (GatewayApp plain = stack.startGateway(Map.of("TEST_ENDPOINTS_ENABLED", "false"))) {
            for (String path : new String[] {"/api/test/test-stream", "/api/v1/test/test-withdrawal",
                    "/api/test/test-cancellation", "/api/test/test-tip"}) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + plain.port() + path))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(404);
            }
        }
    }

    @Test
    void shouldRequireTheBearerTokenWhenOneIsSet() throws Exception {
        String token = "a-test-token-of-some-length";
        var creator = stack.aCreator();
        String tip = JSON.writeValueAsString(Map.of("to", creator.creator().walletAddress(), "amountEth", "0.1"));
        try (GatewayApp guarded = stack.startGateway(Map.of("TEST_ENDPOINTS_TOKEN", token))) {
            String url = "http://127.0.0.1:" + guarded.port() + "/api/test/test-tip";

            HttpResponse<String> none = send(url, "application/json", tip, null);
            HttpResponse<String> wrong = send(url, "application/json", tip, "Bearer not-the-token-at-all");
            HttpResponse<String> right = send(url, "application/json", tip, "Bearer " + token);

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerOnlyLoopbackClientsWhenNoTokenIsSet() throws Exception {
        Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
                .filter(network -> !isLoopback(network))
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(outside.isPresent(), "this machine has no non-loopback IPv4 address");

        HttpResponse<String> fromOutside = send("http://" + outside.get().getHostAddress() + ":" + gateway.port()
                + "/api/test/test-stream", "application/json", "{}", null);
        HttpResponse<String> fromHere = send(url() + "/api/test/test-stream", "application/json", "{}", null);

        assertThat(fromOutside.statusCode()).as(fromOutside.body()).isEqualTo(403);
        assertThat(fromHere.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseABodyThatIsNotSentAsJson() throws Exception {
        String body = "{\"streamId\":\"test-stream-123\",\"amount\":\"5\"}";

        HttpResponse<String> plain = send(url() + "/api/test/test-withdrawal", "text/plain", body, null);
        HttpResponse<String> form = send(url() + "/api/test/test-withdrawal", "application/x-www-form-urlencoded",
                body, null);
        HttpResponse<String> withCharset = send(url() + "/api/test/test-withdrawal",
                "application/json; charset=utf-8", "{}", null);

        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(withCharset.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer429WithRetryAfterPastTheRateLimit() throws Exception {
        try (GatewayApp limited = stack.startGateway(Map.of("TEST_ENDPOINTS_REQUESTS_PER_MINUTE", "3"))) {
            String url = "http://127.0.0.1:" + limited.port() + "/api/test/test-stream";
            for (int i = 0; i < 3; i++) {
                assertThat(send(url, "application/json", "{}", null).statusCode()).isEqualTo(400);
            }

            HttpResponse<String> refused = send(url, "application/json", "{}", null);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("20");
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback() || !network.isUp();
        } catch (SocketException e) {
            return true;
        }
    }

    private static HttpResponse<String> send(String url, String contentType, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
