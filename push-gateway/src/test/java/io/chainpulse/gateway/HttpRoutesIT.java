package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.gateway.auth.TestJwts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HttpRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRONTEND = "https://app.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
        gateway = stack.startGateway(Map.of("JWT_SECRET", TestJwts.SECRET, "FRONTEND_URL", FRONTEND));
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

    private static HttpRequest.Builder request(String path) {
        return request(gateway, path);
    }

    private static HttpRequest.Builder request(GatewayApp app, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String streamerToken(TestStack.CreatorWithToken creator) {
        return TestJwts.creatorToken(TestJwts.SECRET, creator.creator().walletAddress(),
                Instant.now().getEpochSecond() + 600);
    }

    @Test
    void shouldAnswerHealthInTheOriginalShapeWithItsOwnChecksBeside() throws Exception {
        JsonNode health = JSON.readTree(send(request("/health")).body());

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("message").asText()).isEqualTo("ChainPulse push gateway is running");
        assertThat(health.get("websocket").asBoolean()).isTrue();
        assertThat(health.get("connectedUsers").isNumber()).isTrue();
        assertThat(health.get("kafka").get("up").asBoolean()).isTrue();
        assertThat(health.get("postgres").get("up").asBoolean()).isTrue();
    }

    @Test
    void shouldListConnectedUsersAndTheirConnectionsAsTheOriginalDidWithItsOwnCountsBeside() throws Exception {
        var ivy = stack.aCreator();
        try (TestSocket socket = TestSocket.connect("ws://127.0.0.1:" + gateway.port() + "/ws/overlay/" + ivy.id()
                + "?token=" + ivy.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(ivy.id()) == 1);

            JsonNode status = JSON.readTree(send(request("/ws-status")).body());

            assertThat(status.get("connectedUsers").isArray()).isTrue();
            assertThat(status.get("userConnections").isObject()).isTrue();
            assertThat(status.get("userConnections").size()).isEqualTo(status.get("connectedUsers").size());
            assertThat(status.get("connectedCreators").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(status.get("tipSockets").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void shouldListTheAddressesOfJoinedSocketIoRoomsAsTheOriginalDid() throws Exception {
        // Given two Socket.IO sockets (Engine.IO 4 over WebSocket) in the room of one address, one in another's
        String first = "GDUSER1" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String second = "GDUSER2" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        List<WebSocket> sockets = List.of(joinedSocketIo(first), joinedSocketIo(first), joinedSocketIo(second));
        try {
            // When /ws-status and /health are asked
            await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(send(request("/ws-status")).body())
                    .get("userConnections").path(first).asInt() == 2);
            JsonNode status = JSON.readTree(send(request("/ws-status")).body());
            await().atMost(Duration.ofSeconds(5)).until(() -> JSON.readTree(send(request("/health")).body())
                    .get("connectedUsers").asInt() >= 2);

            // Then they list the addresses and their socket counts
            assertThat(status.get("connectedUsers")).extracting(JsonNode::asText).contains(first, second);
            assertThat(status.get("userConnections").get(first).asInt()).isEqualTo(2);
            assertThat(status.get("userConnections").get(second).asInt()).isEqualTo(1);
        } finally {
            sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        }
    }

    /** A Socket.IO client of the main namespace that joined the room of {@code address}, spoken by hand. */
    private static WebSocket joinedSocketIo(String address) {
        BlockingQueue<String> packets = new LinkedBlockingQueue<>();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + gateway.port()
                + "/socket.io/?EIO=4&transport=websocket"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String packet = text.toString();
                            text.setLength(0);
                            if (packet.equals("2")) {
                                webSocket.sendText("3", true);
                            } else {
                                packets.add(packet);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        try {
            assertThat(packets.poll(10, TimeUnit.SECONDS)).startsWith("0{");
            socket.sendText("40", true).join();
            assertThat(packets.poll(10, TimeUnit.SECONDS)).startsWith("40");
            socket.sendText("42[\"join-stream-room\",\"" + address + "\"]", true).join();
            assertThat(packets.poll(10, TimeUnit.SECONDS)).contains("joined-room").contains(address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return socket;
    }

    @Test
    void shouldAnswerCorsAndPreflightForTheFrontendOnlyAndNeverAllowCredentials() throws Exception {
        HttpResponse<String> allowed = send(request("/health").header("Origin", FRONTEND));
        HttpResponse<String> foreign = send(request("/ws-status").header("Origin", "https://evil.example"));
        HttpResponse<String> preflight = send(request("/api/creators/" + UUID.randomUUID() + "/sessions")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization"));
        HttpResponse<String> foreignPreflight = send(request("/health")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"));

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .containsIgnoringCase("authorization");
        assertThat(foreignPreflight.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldSwitchTheLiveSessionWithTheCreatorsStreamerTokenOnly() throws Exception {
        var jade = stack.aCreator();
        var kim = stack.aCreator();
        String path = "/api/creators/" + jade.id() + "/sessions";

        HttpResponse<String> anonymous = send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> another = send(request(path).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + streamerToken(kim)));
        HttpResponse<String> overlayToken = send(request(path).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + jade.token()));
        assertThat(stack.creators.isLive(jade.creator().creatorId())).isFalse();

        HttpResponse<String> started = send(request(path).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + streamerToken(jade)));
        HttpResponse<String> startedAgain = send(request(path).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + streamerToken(jade)));
        boolean liveBetween = stack.creators.isLive(jade.creator().creatorId());
        HttpResponse<String> ended = send(request(path).DELETE()
                .header("Authorization", "Bearer " + streamerToken(jade)));

        assertThat(List.of(anonymous.statusCode(), another.statusCode(), overlayToken.statusCode()))
                .containsOnly(401);
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(started.body()).get("tipMode").asText()).isEqualTo("live");
        assertThat(startedAgain.statusCode()).isEqualTo(200);
        assertThat(liveBetween).isTrue();
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ended.body()).get("tipMode").asText()).isEqualTo("offline");
        assertThat(stack.creators.isLive(jade.creator().creatorId())).isFalse();
    }

    @Test
    void shouldAnswerAMalformedQueryOrAStreamerTokenWhoseHeaderIsJsonNullWithAClientError() throws Exception {
        var jade = stack.aCreator();
        String history = "/api/creators/" + jade.id() + "/tips?token=" + jade.token();
        String sessions = "/api/creators/" + jade.id() + "/sessions";

        String badEscape = RawUpgrade.statusOfGet(gateway.port(), history + "&limit=%zz");
        HttpResponse<String> nullHeader = send(request(sessions).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer bnVsbA.e30."));

        // Jetty's servlet layer drops a parameter it cannot decode (200 with the default limit) or refuses it: not 500
        assertThat(badEscape).isIn("200", "400");
        assertThat(nullHeader.statusCode()).isEqualTo(401);
        assertThat(nullHeader.body()).contains("token is not a compact JWT");
    }

    @Test
    void shouldAnswer429WithRetryAfterToAFloodOfHistoryRequestsWhileHealthStays200() throws Exception {
        // Given a gateway of its own (the allowance is per address, and every test sends from 127.0.0.1)
        try (GatewayApp flooded = stack.startGateway(Map.of())) {
            flood(flooded);
        }
    }

    private static void flood(GatewayApp flooded) throws Exception {
        // once it is healthy, and one address sending 2,000 history requests, 50 at a time
        await().atMost(Duration.ofSeconds(30)).until(() -> send(request(flooded, "/health")).statusCode() == 200);
        var leo = stack.aCreator();
        String path = "/api/creators/" + leo.id() + "/tips?token=" + leo.token();
        List<HttpResponse<String>> answers = new ArrayList<>();
        List<Integer> healthStatuses = new ArrayList<>();
        long started = System.nanoTime();

        // When they are sent as fast as the gateway answers, with /health asked between the waves
        for (int wave = 0; wave < 40; wave++) {
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                inFlight.add(HTTP.sendAsync(request(flooded, path).build(), HttpResponse.BodyHandlers.ofString()));
            }
            inFlight.forEach(answer -> answers.add(answer.join()));
            healthStatuses.add(send(request(flooded, "/health")).statusCode());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // Then the allowance of 600 a minute is served and the rest refused with 429 and Retry-After
        List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        long served = answers.stream().filter(answer -> answer.statusCode() == 200).count();
        assertThat(took).isLessThan(Duration.ofSeconds(60));
        assertThat(refused).hasSizeGreaterThan(1_000);
        assertThat(served).isBetween(600L, 600L + took.toSeconds() * 10 + 10);
        assertThat(refused.getFirst().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(healthStatuses).containsOnly(200);
    }
}
