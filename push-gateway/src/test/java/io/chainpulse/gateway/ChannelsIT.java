package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.gateway.auth.TestJwts;
import io.chainpulse.schemas.TipEventTypes;
import io.chainpulse.schemas.tip.TipEvent;
import io.chainpulse.store.TestDatabases;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChannelsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestStack stack;
    private static GatewayApp gateway;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
        gateway = stack.startGateway(Map.of("JWT_SECRET", TestJwts.SECRET));
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

    private static String ws(String channel, String creatorId, String query) {
        return "ws://127.0.0.1:" + gateway.port() + "/ws/" + channel + "/" + creatorId + query;
    }

    private static String streamerToken(TestStack.CreatorWithToken creator) {
        return TestJwts.creatorToken(TestJwts.SECRET, creator.creator().walletAddress(),
                Instant.now().getEpochSecond() + 600);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldGiveTwoOverlaysAndTheStreamerOfOneCreatorEachTipAndOtherCreatorsNone() {
        var alice = stack.aCreator();
        var bob = stack.aCreator();
        try (TestSocket overlay1 = TestSocket.connect(ws("overlay", alice.id(), "?token=" + alice.token()));
                TestSocket overlay2 = TestSocket.connect(ws("overlay", alice.id(), "?token=" + alice.token()));
                TestSocket streamer = TestSocket.connect(ws("streamer", alice.id(), "?token=" + streamerToken(alice)));
                TestSocket bobOverlay = TestSocket.connect(ws("overlay", bob.id(), "?token=" + bob.token()));
                TestSocket bobStreamer = TestSocket.connect(ws("streamer", bob.id(), "?token=" + streamerToken(bob)))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.connectionsOf(alice.id()) == 3 && gateway.connectionsOf(bob.id()) == 2);

            stack.send(TestTips.aTip(alice.id(), "0.25"));

            await().atMost(Duration.ofSeconds(20)).until(() -> overlay1.tipIds().size() == 1
                    && overlay2.tipIds().size() == 1 && streamer.tipIds().size() == 1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> bobOverlay.messages().isEmpty() && bobStreamer.messages().isEmpty());
            assertThat(overlay1.messages()).isEqualTo(overlay2.messages()).isEqualTo(streamer.messages());
        }
    }

    @Test
    void shouldRefuseStreamerTokensThatAreExpiredForgedUnsignedWithoutExpiryOrAnotherCreators() {
        var carol = stack.aCreator();
        var dave = stack.aCreator();
        String wallet = carol.creator().walletAddress();
        long future = Instant.now().getEpochSecond() + 600;
        List<String> refused = List.of(
                TestJwts.creatorToken(TestJwts.SECRET, wallet, Instant.now().getEpochSecond() - 3600),
                TestJwts.creatorToken("a-forged-secret-that-is-long-enough-for-hs256", wallet, future),
                TestJwts.creatorToken(TestJwts.SECRET, dave.creator().walletAddress(), future),
                TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS256\"}",
                        "{\"walletAddress\":\"" + wallet + "\",\"role\":\"viewer\",\"exp\":" + future + "}"),
                TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"HS256\"}",
                        "{\"walletAddress\":\"" + wallet + "\",\"role\":\"creator\"}"),
                TestJwts.sign(TestJwts.SECRET, "{\"alg\":\"none\"}",
                        "{\"walletAddress\":\"" + wallet + "\",\"role\":\"creator\",\"exp\":" + future + "}"),
                carol.token());
        for (String token : refused) {
            try (TestSocket socket = TestSocket.connect(ws("streamer", carol.id(), "?token=" + token))) {
                await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
                assertThat(socket.closeCode()).as("close code for %s", token).isEqualTo(1008);
                assertThat(socket.messages()).isEmpty();
            }
        }
    }

    @Test
    void shouldCloseAStreamerSocketWhenItsTokenExpires() {
        var erin = stack.aCreator();
        String token = TestJwts.creatorToken(TestJwts.SECRET, erin.creator().walletAddress(),
                Instant.now().getEpochSecond() + 3);
        try (TestSocket socket = TestSocket.connect(ws("streamer", erin.id(), "?token=" + token))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(erin.id()) == 1);

            await().atMost(Duration.ofSeconds(20)).until(socket::isClosed);

            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void shouldTakeTheOverlayTokenAsAccessTokenAsTheOriginalBridgeDid() {
        var frank = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(ws("overlay", frank.id(), "?access_token=" + frank.token()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(frank.id()) == 1);
            stack.send(TestTips.aTip(frank.id(), "0.5"));

            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 1);
        }
    }

    @Test
    void shouldSendOnlyTipsThatPassTheFiltersOfTheSocket() {
        var erin = stack.aCreator();
        try (TestSocket big = TestSocket.connect(ws("overlay", erin.id(), "?token=" + erin.token() + "&minAmountEth=1"));
                TestSocket offline = TestSocket.connect(ws("overlay", erin.id(), "?token=" + erin.token() + "&tipMode=offline"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(erin.id()) == 2);
            TipEvent small = TestTips.aTip(erin.id(), "0.999999999999999999");
            TipEvent exactlyOne = TestTips.aTip(erin.id(), "1", "offline", TipEventTypes.TIP_SENT);
            TipEvent large = TestTips.aTip(erin.id(), "2", "live", TipEventTypes.TIP_SENT);

            stack.send(small);
            stack.send(exactlyOne);
            stack.send(large);

            await().atMost(Duration.ofSeconds(20)).until(() -> big.tipIds().size() == 2);
            assertThat(big.ofType("TIP_SENT").stream().map(node -> node.get("amountEth").asText())).containsExactly("1", "2");
            assertThat(offline.ofType("TIP_SENT").stream().map(node -> node.get("txHash").asText()))
                    .containsExactly(exactlyOne.getTxHash());
        }
    }

    @Test
    void shouldBatchSeveralEventsIntoOneFrameWhenAsked() {
        var frank = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(ws("overlay", frank.id(), "?token=" + frank.token() + "&batchMs=500"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(frank.id()) == 1);

            stack.sendAll(IntStream.range(0, 20).mapToObj(i -> TestTips.aTip(frank.id(), "0.1")).toList());

            await().atMost(Duration.ofSeconds(20)).until(() -> socket.ofType("BATCH").stream()
                    .mapToInt(batch -> batch.get("events").size()).sum() == 20);
            assertThat(socket.ofType("BATCH").size()).isLessThan(20);
            assertThat(socket.ofType("TIP_SENT")).isEmpty();
        }
    }

    @Test
    void shouldServeTheRecentTipsOfACreatorWithTheirRevertedFlag() throws Exception {
        var grace = stack.aCreator();
        String wallet = grace.creator().walletAddress();
        stack.database.jdbi().useHandle(handle -> {
            var tipper = handle.createQuery("""
                    INSERT INTO users (wallet_address, role) VALUES (:wallet, 'viewer') RETURNING id
                    """).bind("wallet", TestDatabases.aWallet()).mapTo(UUID.class).one();
            for (int i = 0; i < 3; i++) {
                handle.createUpdate("""
                        INSERT INTO tips (chain_id, tx_hash, log_index, contract_address, block_number, block_hash,
                            block_time, from_wallet, to_wallet, tipper_user_id, creator_id, amount_wei, session_id,
                            tip_mode, reverted_at, source_partition, source_offset)
                        VALUES ('31337', :tx, 0, :contract, :block, :hash, now(), :from, :to, :tipper, :creator,
                            :wei, :session, 'live', CASE WHEN :reverted THEN now() END, 0, :block)
                        """)
                        .bind("tx", "0x" + Integer.toHexString(i) + "f".repeat(63))
                        .bind("contract", "0x" + "d".repeat(40))
                        .bind("block", 100 + i)
                        .bind("hash", "0x" + "e".repeat(64))
                        .bind("from", "0x" + "a".repeat(40))
                        .bind("to", wallet)
                        .bind("tipper", tipper)
                        .bind("creator", grace.creator().creatorId())
                        .bind("wei", new BigDecimal("50000000000000000"))
                        .bind("session", "0x" + "0".repeat(64))
                        .bind("reverted", i == 1)
                        .execute();
            }
        });

        HttpResponse<String> response = get("/api/creators/" + grace.id() + "/tips?token=" + grace.token());
        HttpResponse<String> refused = get("/api/creators/" + grace.id() + "/tips?token=wrong");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tips = JSON.readTree(response.body()).get("tips");
        assertThat(tips).hasSize(3);
        assertThat(tips.get(0).get("blockNumber").asLong()).isEqualTo(102);
        assertThat(tips.get(0).get("amountEth").asText()).isEqualTo("0.05");
        assertThat(tips.get(1).get("reverted").asBoolean()).isTrue();
        assertThat(tips.get(1).get("type").asText()).isEqualTo("TIP_REVERTED");
        assertThat(tips.get(2).get("reverted").asBoolean()).isFalse();
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldReportSocketCountsAndPrometheusMetrics() throws Exception {
        var henry = stack.aCreator();
        try (TestSocket socket = TestSocket.connect(ws("overlay", henry.id(), "?token=" + henry.token()))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(henry.id()) == 1);
            stack.send(TestTips.aTip(henry.id(), "0.3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 1);

            JsonNode status = JSON.readTree(get("/ws-status").body());
            String metrics = get("/metrics").body();

            assertThat(status.get("connectedCreators").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(status.get("tipSockets").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(status.get("channels").get("overlay").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(metrics).contains("gateway_connections{channel=\"overlay\"}")
                    .contains("gateway_messages_sent_total{channel=\"overlay\"}")
                    .contains("gateway_consumer_lag{partition=\"0\",topic=\"" + stack.topics.tips().name() + "\"}")
                    .contains("gateway_slow_consumer_closes_total");
        }
    }
}
