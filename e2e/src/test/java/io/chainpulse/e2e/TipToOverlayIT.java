package io.chainpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.cli.DevStack;
import io.chainpulse.gateway.auth.JwtSettings;
import io.chainpulse.gateway.auth.StreamerTokens;
import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.DroppioClient;
import io.chainpulse.localstack.RepoRoot;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;
import io.chainpulse.store.OverlayTokens;
import io.chainpulse.store.TestDatabases;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The walking skeleton: a tip mined on a real anvil chain reaches a real WebSocket client exactly once. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TipToOverlayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JwtSettings JWT = new JwtSettings("an-e2e-secret-that-is-long-enough-for-hs256",
            Duration.ofHours(24), Optional.empty(), Optional.empty());
    private static DevStack stack;
    private static Database database;
    private static DroppioClient chain;

    @BeforeAll
    static void startStack() throws Exception {
        DatabaseSettings settings = TestDatabases.freshSchemaSettings();
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", settings.jdbcUrl());
        env.put("DATABASE_SCHEMA", settings.schema());
        env.put("DEV_KAFKA_PORT", "0");
        env.put("DEV_ANVIL_PORT", "0");
        env.put("GATEWAY_PORT", "0");
        env.put("TOPIC_PREFIX", "e2e" + UUID.randomUUID().toString().substring(0, 8));
        env.put("PROCESSOR_APPLICATION_ID", "e2e-" + UUID.randomUUID());
        env.put("CHAINPULSE_DATA_DIR", Files.createTempDirectory("chainpulse-e2e").toString());
        env.put("JWT_SECRET", JWT.secret());
        stack = DevStack.start(RepoRoot.find(), env);
        database = Database.connectAndMigrate(settings, "e2e");
        chain = new DroppioClient(stack.state().rpcUrl(), AnvilChain.DEV_PRIVATE_KEY, AnvilChain.CHAIN_ID);
    }

    @AfterAll
    static void stopStack() {
        if (chain != null) {
            chain.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private String overlayUrl(UUID creatorId, String token) {
        return "ws://127.0.0.1:" + stack.gatewayPort() + "/ws/overlay/" + creatorId + "?token=" + token;
    }

    @Test
    void shouldDeliverATipMinedOnChainToTheCreatorsOverlayExactlyOnce() throws Exception {
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        Creator other = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        var overlay = TestClients.RecordingSocket.connect(
                overlayUrl(creator.creatorId(), new OverlayTokens(database.jdbi()).issue(creator.creatorId())));
        var otherOverlay = TestClients.RecordingSocket.connect(
                overlayUrl(other.creatorId(), new OverlayTokens(database.jdbi()).issue(other.creatorId())));

        TransactionReceipt receipt = chain.tip(stack.state().contractAddress(), creator.walletAddress(), new BigDecimal("0.05"));

        await().atMost(Duration.ofSeconds(60)).until(() -> !overlay.frames.isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> overlay.frames.size() == 1);
        JsonNode tip = JSON.readTree(overlay.frames.get(0));
        assertThat(tip.get("type").asText()).isEqualTo("TIP_SENT");
        assertThat(tip.get("creatorId").asText()).isEqualTo(creator.creatorId().toString());
        assertThat(tip.get("amountEth").asText()).isEqualTo("0.05");
        assertThat(tip.get("txHash").asText()).isEqualTo(receipt.getTransactionHash());
        assertThat(tip.get("tipperAddress").asText()).isEqualTo(receipt.getFrom().toLowerCase());
        assertThat(tip.get("tipMode").asText()).isEqualTo("offline");
        assertThat(tip.has("timestamp")).isTrue();
        assertThat(otherOverlay.frames).isEmpty();
        long rows = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM tips WHERE tx_hash = :tx").bind("tx", receipt.getTransactionHash())
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void shouldMarkTipsLiveBetweenTheStartAndTheEndOfASessionForTheStreamerAndAnAccessTokenOverlay() throws Exception {
        // Given a creator's overlay (with the original bridge's access_token) and its streamer socket
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        String overlayToken = new OverlayTokens(database.jdbi()).issue(creator.creatorId());
        String streamerToken = StreamerTokens.mint(JWT, creator.walletAddress(), Duration.ofHours(1), Clock.systemUTC());
        String base = "127.0.0.1:" + stack.gatewayPort();
        var overlay = TestClients.RecordingSocket.connect(
                "ws://" + base + "/ws/overlay/" + creator.creatorId() + "?access_token=" + overlayToken);
        var streamer = TestClients.RecordingSocket.connect(
                "ws://" + base + "/ws/streamer/" + creator.creatorId() + "?token=" + streamerToken);
        URI sessions = URI.create("http://" + base + "/api/creators/" + creator.creatorId() + "/sessions");
        HttpClient http = HttpClient.newHttpClient();

        // When the streamer starts a session, a tip comes, the session ends, and another tip comes
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(sessions).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + streamerToken).build(), HttpResponse.BodyHandlers.ofString());
        chain.tip(stack.state().contractAddress(), creator.walletAddress(), new BigDecimal("0.03"));
        await().atMost(Duration.ofSeconds(60)).until(() -> overlay.frames.size() == 1 && streamer.frames.size() == 1);
        HttpResponse<String> ended = http.send(HttpRequest.newBuilder(sessions).DELETE()
                .header("Authorization", "Bearer " + streamerToken).build(), HttpResponse.BodyHandlers.ofString());
        chain.tip(stack.state().contractAddress(), creator.walletAddress(), new BigDecimal("0.04"));
        await().atMost(Duration.ofSeconds(60)).until(() -> overlay.frames.size() == 2 && streamer.frames.size() == 2);

        // Then the first carries tipMode live and the second offline, on both sockets
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(ended.statusCode()).isEqualTo(200);
        for (var socket : List.of(overlay, streamer)) {
            assertThat(socket.frames.stream().map(frame -> {
                try {
                    return JSON.readTree(frame).get("tipMode").asText();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).containsExactly("live", "offline");
        }
    }

    @Test
    void shouldDeliverBothTipsOfOneTransaction() throws Exception {
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        var overlay = TestClients.RecordingSocket.connect(
                overlayUrl(creator.creatorId(), new OverlayTokens(database.jdbi()).issue(creator.creatorId())));

        TransactionReceipt receipt = chain.tipTwice(stack.state().doubleTipperAddress(), stack.state().contractAddress(),
                creator.walletAddress(), new BigDecimal("0.02"));

        await().atMost(Duration.ofSeconds(60)).until(() -> overlay.frames.size() >= 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> overlay.frames.size() == 2);
        assertThat(overlay.frames).allSatisfy(frame -> {
            JsonNode tip = JSON.readTree(frame);
            assertThat(tip.get("txHash").asText()).isEqualTo(receipt.getTransactionHash());
            assertThat(tip.get("amountEth").asText()).isEqualTo("0.01");
        });
        assertThat(overlay.frames.stream().map(frame -> {
            try {
                return JSON.readTree(frame).get("logIndex").asInt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).doesNotHaveDuplicates();
    }

    @Test
    void shouldAnnounceATipOrphanedByAReorgAsRevertedAndKeepItOutOfTheBalance() throws Exception {
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        var overlay = TestClients.RecordingSocket.connect(
                overlayUrl(creator.creatorId(), new OverlayTokens(database.jdbi()).issue(creator.creatorId())));
        TransactionReceipt kept = chain.tip(stack.state().contractAddress(), creator.walletAddress(), new BigDecimal("0.1"));
        TransactionReceipt orphaned = chain.tip(stack.state().contractAddress(), creator.walletAddress(), new BigDecimal("0.2"));
        await().atMost(Duration.ofSeconds(60)).until(() -> overlay.frames.size() == 2);

        String answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.state().rpcUrl()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_reorg\",\"params\":[1,[]]}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(answer).doesNotContain("error");

        await().atMost(Duration.ofSeconds(60)).until(() -> overlay.frames.size() == 3);
        JsonNode reverted = JSON.readTree(overlay.frames.get(2));
        assertThat(reverted.get("type").asText()).isEqualTo("TIP_REVERTED");
        assertThat(reverted.get("txHash").asText()).isEqualTo(orphaned.getTransactionHash());
        var states = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT tx_hash, reverted_at IS NOT NULL FROM tips WHERE creator_id = :id")
                .bind("id", creator.creatorId())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2))).list());
        assertThat(states).containsExactlyInAnyOrder(Map.entry(kept.getTransactionHash(), false),
                Map.entry(orphaned.getTransactionHash(), true));
    }

    @Test
    void shouldRefuseAMissingOrWrongTokenWithPolicyViolationAndSendNothing() throws Exception {
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        new OverlayTokens(database.jdbi()).issue(creator.creatorId());

        var wrong = TestClients.RecordingSocket.connect(overlayUrl(creator.creatorId(), "not-the-token"));
        var missing = TestClients.RecordingSocket.connect(
                "ws://127.0.0.1:" + stack.gatewayPort() + "/ws/overlay/" + creator.creatorId());
        chain.tip(stack.state().contractAddress(), creator.walletAddress(), new BigDecimal("0.01"));

        assertThat(wrong.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(missing.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(wrong.frames).isEmpty();
        assertThat(missing.frames).isEmpty();
    }
}
