package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LimitsIT {
    private static TestStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
        gateway = stack.startGateway(Map.of(
                "FRONTEND_URL", "https://allowed.example",
                "TOKEN_REVOCATION_CHECK_MS", "500",
                "WS_MAX_QUEUED_BYTES", "65536"));
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

    private static String overlay(GatewayApp app, TestStack.CreatorWithToken creator) {
        return "ws://127.0.0.1:" + app.port() + "/ws/overlay/" + creator.id() + "?token=" + creator.token();
    }

    private static void assertRefused(TestSocket socket, int code) {
        await().atMost(Duration.ofSeconds(20)).until(socket::isClosed);
        assertThat(socket.closeCode()).isEqualTo(code);
        assertThat(socket.messages()).isEmpty();
    }

    private static void assertStillServing(GatewayApp app) throws Exception {
        var creator = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(overlay(app, creator))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> app.connectionsOf(creator.id()) == 1);
            stack.send(TestTips.aTip(creator.id(), "0.01"));
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 1);
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCloseASocketWhoseTokenIsRevokedWithinSeconds() {
        var creator = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(overlay(gateway, creator))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 1);

            stack.tokens.revoke(creator.token());

            await().atMost(Duration.ofSeconds(5)).until(socket::isClosed);
            assertThat(socket.closeCode()).isEqualTo(1008);
            assertThat(socket.closeReason()).isEqualTo("token revoked");
        }
        try (TestSocket again = TestSocket.connect(overlay(gateway, creator))) {
            assertRefused(again, 1008);
        }
    }

    @Test
    void shouldCloseWith1009WhenAClientSendsTenMegabytes() throws Exception {
        var creator = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(overlay(gateway, creator))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 1);

            socket.socket().sendBinary(ByteBuffer.allocate(10 * 1024 * 1024), true);

            await().atMost(Duration.ofSeconds(20)).until(socket::isClosed);
            // the gateway answers 1009 after reading the frame header; a client still pushing the other megabytes
            // can have its connection reset before it reads that close frame, which it reports as 1006
            assertThat(socket.closeCode()).isIn(1009, 1006);
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 0);
        }
        assertStillServing(gateway);
    }

    @Test
    void shouldCloseASocketThatSendsGarbage() throws Exception {
        var creator = stack.aCreator();
        try (TestSocket text = TestSocket.connect(overlay(gateway, creator));
                TestSocket binary = TestSocket.connect(overlay(gateway, creator))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 2);

            text.socket().sendText("\u0000garbage{{{", true);
            binary.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true);

            await().atMost(Duration.ofSeconds(10)).until(() -> text.isClosed() && binary.isClosed());
            assertThat(text.closeCode()).isEqualTo(1008);
            assertThat(binary.closeCode()).isEqualTo(1003);
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 0);
        }
        assertStillServing(gateway);
    }

    @Test
    void shouldRefuseAnUnknownChannelWith1008() {
        try (TestSocket socket = TestSocket.connect("ws://127.0.0.1:" + gateway.port() + "/ws/nothing/here")) {
            assertRefused(socket, 1008);
            assertThat(socket.closeReason()).contains("unknown channel");
        }
    }

    @Test
    void shouldAnswerAQueryLongerThanJettysHeaderLimitWithAStatusBeforeParsingIt() throws Exception {
        var creator = stack.aCreator();
        String huge = "/ws/overlay/" + creator.id() + "?token=" + creator.token() + "&pad=" + "a".repeat(64 * 1024);

        assertThat(RawUpgrade.answerTo(gateway.port(), huge)).isEqualTo("414");
        assertStillServing(gateway);
    }

    @Test
    void shouldRefuseAMalformedPercentEscapeInTheQueryWith1008() throws Exception {
        var creator = stack.aCreator();
        String path = "/ws/overlay/" + creator.id() + "?token=" + creator.token();

        assertThat(RawUpgrade.answerTo(gateway.port(), path + "&since=%zz")).isEqualTo("101 1008");
        assertThat(RawUpgrade.answerTo(gateway.port(), path + "%")).isEqualTo("101 1008");
        assertThat(RawUpgrade.answerTo(gateway.port(), path + "&since=%C0%AF")).isEqualTo("101 1008");
        assertStillServing(gateway);
    }

    @Test
    void shouldAnswerEveryRandomlyMutatedUpgradeWithARefusalOrAClientError() throws Exception {
        // Given upgrades whose path and query are random printable ASCII with stray percent escapes (seeded, so a
        // failure can be replayed); the token is never valid, so none may open a tip socket
        // (a gateway of its own, whose connection rate lets all 300 through to the parsing)
        try (GatewayApp lenient = stack.startGateway(Map.of("WS_CONNECTIONS_PER_IP_PER_MINUTE", "100000"))) {
            sendMutatedUpgrades(lenient);
        }
    }

    private static void sendMutatedUpgrades(GatewayApp lenient) throws Exception {
        var creator = stack.aCreator();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String printable = "abcXYZ019-._~!$&'()*+,;=:@/?%[]{}|\\^`\"<>";
        for (int i = 0; i < 300; i++) {
            StringBuilder mutated = new StringBuilder(random.nextBoolean() ? "token=" : "access_token=");
            for (int length = random.nextInt(60); length > 0; length--) {
                int pick = random.nextInt(10);
                mutated.append(pick == 0 ? "%" + Integer.toHexString(random.nextInt(256))
                        : pick == 1 ? "&" + List.of("since", "batchMs", "replay", "tipMode", "minAmountEth").get(random.nextInt(5)) + "="
                        : String.valueOf(printable.charAt(random.nextInt(printable.length()))));
            }
            String path = (random.nextInt(4) == 0 ? "/ws/streamer/" : "/ws/overlay/")
                    + (random.nextInt(4) == 0 ? "x" + creator.id() : creator.id()) + "?" + mutated;

            // When it is sent, Then the socket is refused with 1008 or the request with a 4xx status: never 1011
            String answer = RawUpgrade.answerTo(lenient.port(), path);
            assertThat(answer).as("answer to %s (seed %s)", path, seed).matches("101 1008|4\\d\\d");
        }
        assertStillServing(lenient);
    }

    @Test
    void shouldRefuseABrowserPageFromAnOriginNotAllowed() {
        var creator = stack.aCreator();
        try (TestSocket foreign = TestSocket.connectFrom("https://evil.example", overlay(gateway, creator));
                TestSocket allowed = TestSocket.connectFrom("https://allowed.example", overlay(gateway, creator))) {
            assertRefused(foreign, 1008);
            assertThat(foreign.closeReason()).isEqualTo("origin not allowed");
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 1);
            assertThat(allowed.isClosed()).isFalse();
        }
    }

    @Test
    void shouldRefuseAFloodOfConnectionsFromOneAddressWith1013() throws Exception {
        try (GatewayApp limited = stack.startGateway(Map.of("WS_CONNECTIONS_PER_IP_PER_MINUTE", "5"))) {
            var creator = stack.aCreator();
            List<TestSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    sockets.add(TestSocket.connect(overlay(limited, creator)));
                }
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> sockets.stream().filter(TestSocket::isClosed).count() == 7);
                assertThat(sockets.stream().filter(TestSocket::isClosed).map(TestSocket::closeCode))
                        .containsOnly(1013);
                assertThat(limited.connectionsOf(creator.id())).isEqualTo(5);
            } finally {
                sockets.forEach(TestSocket::close);
            }
        }
    }

    @Test
    void shouldClose1013AClientThatStopsReadingWhileAReadingClientGetsEverything() throws Exception {
        var creator = stack.aCreator();
        int tips = 20_000;
        int step = 500;
        // the default limit (WS_MAX_QUEUED_BYTES, 1 MiB). Tips go out a step at a time, each step once the reading
        // client has the one before it, so that it is never more than about 400 KB behind, however busy the machine
        // (sent as fast as Kafka takes them, the JDK's client falls megabytes behind and is rightly closed as slow);
        // the stalled client falls 8 MB behind, past the limit and the kernel's socket buffers
        try (GatewayApp lenient = stack.startGateway(Map.of());
                TestSocket reader = TestSocket.connect(overlay(lenient, creator));
                StalledClient stalled = StalledClient.connect(overlay(lenient, creator))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> lenient.connectionsOf(creator.id()) == 2);

            for (int sent = 0; sent < tips; sent += step) {
                stack.sendAll(IntStream.range(0, step).mapToObj(i -> TestTips.aTip(creator.id(), "0.001")).toList());
                int before = sent;
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.messageCount() >= before || reader.isClosed());
            }
            assertThat(stalled.readUntilClose()).isEqualTo(1013);
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.messageCount() == tips || reader.isClosed());
            assertThat(reader.isClosed()).as("the reading client closed with %s (%s) after %s tips", reader.closeCode(),
                    reader.closeReason(), reader.messageCount()).isFalse();
            assertThat(reader.tipIds()).hasSize(tips).doesNotHaveDuplicates();
            assertThat(lenient.connectionsOf(creator.id())).isEqualTo(1);
        }
    }
}
