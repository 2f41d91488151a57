package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Socket.IO v5 rules of the socket.io-protocol suite, against the conformance server on a free port. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SocketIoProtocolIT {
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
    void shouldConnectToTheMainNamespaceAndEmitItsAuth() {
        TestWebSocket socket = TestWebSocket.session(server.port());

        socket.send("40{\"token\":\"123\"}");

        assertThat(socket.nextText()).matches("40\\{\"sid\":\"[A-Za-z0-9_-]+\"}");
        assertThat(socket.nextText()).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
        socket.close();
    }

    @Test
    void shouldConnectToACustomNamespaceWithAndWithoutAPayload() {
        TestWebSocket socket = TestWebSocket.session(server.port());

        socket.send("40/custom,");
        assertThat(socket.nextText()).matches("40/custom,\\{\"sid\":\"[A-Za-z0-9_-]+\"}");
        assertThat(socket.nextText()).isEqualTo("42/custom,[\"auth\",{}]");

        TestWebSocket other = TestWebSocket.session(server.port());
        other.send("40/custom,{\"token\":\"abc\"}");
        assertThat(other.nextText()).startsWith("40/custom,");
        assertThat(other.nextText()).isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
        socket.close();
        other.close();
    }

    @Test
    void shouldRefuseAnUnknownNamespace() {
        TestWebSocket socket = TestWebSocket.session(server.port());

        socket.send("40/random");

        assertThat(socket.nextText()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
        socket.close();
    }

    @Test
    void shouldCloseASessionThatConnectsNoNamespaceAndAnswersNoPing() {
        TestWebSocket socket = TestWebSocket.session(server.port());

        assertThat(socket.closeCode(5)).isEqualTo(1011);
    }

    @Test
    void shouldKeepPingingAfterADisconnectFromTheMainNamespace() {
        TestWebSocket socket = TestWebSocket.session(server.port());
        socket.send("40");
        assertThat(socket.nextText()).startsWith("40{");
        assertThat(socket.nextText()).isEqualTo("42[\"auth\",{}]");

        socket.send("41");

        assertThat(socket.nextRaw()).isEqualTo("2");
        socket.close();
    }

    @Test
    void shouldServeTheMainNamespaceAfterACustomOneDisconnects() {
        TestWebSocket socket = TestWebSocket.connected(server.port());
        socket.send("40/custom");
        assertThat(socket.nextText()).startsWith("40/custom,");
        assertThat(socket.nextText()).isEqualTo("42/custom,[\"auth\",{}]");

        socket.send("41/custom");
        socket.send("42[\"message\",\"message to main namespace\"]");

        assertThat(socket.nextText()).isEqualTo("42[\"message-back\",\"message to main namespace\"]");
        socket.close();
    }

    @Test
    void shouldEchoAPlainTextEventAndAnswerItsAck() {
        TestWebSocket socket = TestWebSocket.connected(server.port());

        socket.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
        assertThat(socket.nextText()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");

        socket.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        assertThat(socket.nextText()).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
        socket.close();
    }

    @Test
    void shouldEchoBinaryAttachmentsOfAnEventAndOfAnAck() {
        TestWebSocket socket = TestWebSocket.connected(server.port());
        String placeholders = "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}";

        socket.send("452-[\"message\"," + placeholders + "]");
        socket.sendBinary(new byte[] {1, 2, 3});
        socket.sendBinary(new byte[] {4, 5, 6});
        assertThat(socket.nextText()).isEqualTo("452-[\"message-back\"," + placeholders + "]");
        assertThat((byte[]) socket.next()).containsExactly(1, 2, 3);
        assertThat((byte[]) socket.next()).containsExactly(4, 5, 6);

        socket.send("452-789[\"message-with-ack\"," + placeholders + "]");
        socket.sendBinary(new byte[] {1, 2, 3});
        socket.sendBinary(new byte[] {4, 5, 6});
        assertThat(socket.nextText()).isEqualTo("462-789[" + placeholders + "]");
        assertThat((byte[]) socket.next()).containsExactly(1, 2, 3);
        assertThat((byte[]) socket.next()).containsExactly(4, 5, 6);
        socket.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4abc", "42{}", "42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", "41{}", "43[1]",
            "45", "41-[\"message\"]", "42[\"message\"] trailing"})
    void shouldCloseTheSessionOnAMalformedPacket(String packet) {
        TestWebSocket socket = TestWebSocket.connected(server.port());

        socket.send(packet);

        assertThat(socket.closeCode(5)).isEqualTo(1008);
    }

    @Test
    void shouldCloseASessionThatSendsAnInvalidHandshake() {
        TestWebSocket socket = TestWebSocket.session(server.port());

        socket.send("4abc");

        assertThat(socket.closeCode(5)).isEqualTo(1008);
    }

    @Test
    void shouldCloseASessionThatSendsAnUnannouncedAttachment() {
        TestWebSocket socket = TestWebSocket.connected(server.port());

        socket.sendBinary(new byte[] {1});

        assertThat(socket.closeCode(5)).isEqualTo(1008);
    }
}
