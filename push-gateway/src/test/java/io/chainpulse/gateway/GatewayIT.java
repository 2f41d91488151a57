package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.schemas.tip.TipEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
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

    private static String overlayUrl(String creatorId, String query) {
        return "ws://127.0.0.1:" + gateway.port() + "/ws/overlay/" + creatorId + query;
    }

    @Test
    void shouldPushATipOnceToItsCreatorsSocketAndToNoOtherCreator() throws Exception {
        var alice = stack.aCreator();
        var bob = stack.aCreator();
        try (TestSocket aliceSocket = TestSocket.connect(overlayUrl(alice.id(), "?token=" + alice.token()));
                TestSocket bobSocket = TestSocket.connect(overlayUrl(bob.id(), "?token=" + bob.token()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionCount() == 2);

            TipEvent tip = TestTips.aTip(alice.id(), "0.05");
            RecordMetadata written = stack.send(tip);

            await().atMost(Duration.ofSeconds(20)).until(() -> !aliceSocket.messages().isEmpty());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> aliceSocket.messages().size() == 1 && bobSocket.messages().isEmpty());
            JsonNode frame = JSON.readTree(aliceSocket.messages().get(0));
            assertThat(frame.get("type").asText()).isEqualTo("TIP_SENT");
            assertThat(frame.get("id").asText()).isEqualTo(written.partition() + "-" + written.offset());
            assertThat(frame.get("creatorId").asText()).isEqualTo(alice.id());
            assertThat(frame.get("tipperAddress").asText()).isEqualTo(tip.getTipperAddress());
            assertThat(frame.get("amountEth").asText()).isEqualTo("0.05");
            assertThat(frame.get("amountWei").asText()).isEqualTo("50000000000000000");
            assertThat(frame.get("txHash").asText()).isEqualTo(tip.getTxHash());
            assertThat(frame.get("logIndex").asInt()).isZero();
            assertThat(frame.get("chainId").asText()).isEqualTo("31337");
            assertThat(frame.get("blockNumber").asLong()).isEqualTo(42);
            assertThat(frame.get("tipMode").asText()).isEqualTo("live");
            assertThat(frame.get("sessionId").asText()).isEqualTo(tip.getSessionId());
            assertThat(frame.get("timestamp").asText()).isEqualTo("2025-10-09T08:53:20Z");
            assertThat(frame.get("serverTime").asText()).endsWith("Z");
        }
    }

    @Test
    void shouldGiveEverySocketOfOneCreatorTheTip() {
        var carol = stack.aCreator();
        try (TestSocket first = TestSocket.connect(overlayUrl(carol.id(), "?token=" + carol.token()));
                TestSocket second = TestSocket.connect(overlayUrl(carol.id(), "?token=" + carol.token()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(carol.id()) == 2);

            stack.send(TestTips.aTip(carol.id(), "1"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> first.messages().size() == 1 && second.messages().size() == 1);
            assertThat(first.messages()).isEqualTo(second.messages());
        }
    }

    @Test
    void shouldCloseWith1008AndSendNothingWhenTheTokenIsWrong() {
        var dave = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(overlayUrl(dave.id(), "?token=" + dave.token() + "x"))) {
            await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
            assertThat(socket.closeCode()).isEqualTo(1008);
            assertThat(socket.closeReason()).contains("token");
            assertThat(socket.messages()).isEmpty();
        }
    }

    @Test
    void shouldCloseWith1008WhenTheTokenIsMissing() {
        var erin = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(overlayUrl(erin.id(), ""))) {
            await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
            assertThat(socket.closeCode()).isEqualTo(1008);
            assertThat(socket.closeReason()).isEqualTo("missing token");
        }
    }

    @Test
    void shouldCloseWith1008WhenTheCreatorIdIsNotAUuid() {
        try (TestSocket socket = TestSocket.connect(overlayUrl("not-a-uuid", "?token=abc"))) {
            await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void shouldRefuseATokenOfAnotherCreator() {
        var frank = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(overlayUrl(UUID.randomUUID().toString(), "?token=" + frank.token()))) {
            await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void shouldReportHealthyWithKafkaPostgresAndWebsocket() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("kafka").get("up").asBoolean()).isTrue();
        assertThat(body.get("postgres").get("up").asBoolean()).isTrue();
        assertThat(body.get("websocket").asBoolean()).isTrue();
        assertThat(body.get("connections").has("total")).isTrue();
    }
}
