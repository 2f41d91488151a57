package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pings, pong timeouts and the WebSocket extension handshake, against real clients. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HeartbeatIT {
    private static TestStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
        gateway = stack.startGateway(Map.of("WS_PING_INTERVAL_MS", "300", "WS_PONG_TIMEOUT_MS", "700"));
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

    private static String overlay(TestStack.CreatorWithToken creator) {
        return "ws://127.0.0.1:" + gateway.port() + "/ws/overlay/" + creator.id() + "?token=" + creator.token();
    }

    @Test
    void shouldCloseASocketThatAnswersNoPingAndKeepOneThatDoes() throws Exception {
        var silent = stack.aCreator();
        var alive = stack.aCreator();
        try (StalledClient stalled = StalledClient.connect(overlay(silent));
                TestSocket reading = TestSocket.connect(overlay(alive))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(silent.id()) == 1
                    && gateway.connectionsOf(alive.id()) == 1);

            // no pong within 700 ms: closed with 1001, and its connection dropped once the close goes unread
            await().atMost(Duration.ofSeconds(20)).until(() -> gateway.connectionsOf(silent.id()) == 0);
            assertThat(stalled.readUntilClose()).isEqualTo(1001);

            // the client that answers every ping stays, and still gets tips
            assertThat(reading.isClosed()).isFalse();
            assertThat(gateway.connectionsOf(alive.id())).isEqualTo(1);
            stack.send(TestTips.aTip(alive.id(), "0.1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> reading.tipIds().size() == 1);
        }
    }

    @Test
    void shouldAnswerAClientPingWithItsPayloadAndKeepTheSocket() throws Exception {
        var creator = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(overlay(creator))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 1);

            socket.socket().sendPing(ByteBuffer.wrap("still there?".getBytes(StandardCharsets.UTF_8)));

            await().atMost(Duration.ofSeconds(10)).until(() -> socket.pongs().contains("still there?"));
            stack.send(TestTips.aTip(creator.id(), "0.1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 1);
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void shouldNegotiatePermessageDeflateWhenTheClientOffersIt() throws Exception {
        var creator = stack.aCreator();
        try (StalledClient offering = StalledClient.connect(overlay(creator),
                        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
                StalledClient plain = StalledClient.connect(overlay(creator))) {
            assertThat(offering.handshake().toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
            assertThat(plain.handshake().toLowerCase()).doesNotContain("sec-websocket-extensions");
        }
    }
}
