package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.DroppioClient;
import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.JavaProcess;
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
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole dev stack in a child JVM, killed with SIGKILL and started again on the same data: the second start
 * succeeds (nothing left holds the ports), keeps the contract, and a tip reaches an overlay within 10 s of ready.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DevRestartIT {
    private static final Duration START = Duration.ofMinutes(3);

    @Test
    void shouldHandleATipWithinTenSecondsOfReadyAfterTheDevBeforeWasKilled() throws Exception {
        // given a dev stack on its own root, ports and data, killed by SIGKILL once it was ready
        Path root = Files.createTempDirectory("chainpulse-dev-restart");
        Path repo = RepoRoot.find();
        for (String entry : List.of("package.json", "contracts", "node_modules")) {
            Files.createSymbolicLink(root.resolve(entry), repo.resolve(entry));
        }
        DatabaseSettings settings = TestDatabases.freshSchemaSettings();
        Map<String, String> env = new HashMap<>(Map.of(
                "CHAINPULSE_HOME", root.toString(),
                "DATABASE_URL", settings.jdbcUrl(), "DATABASE_SCHEMA", settings.schema(),
                "DEV_KAFKA_PORT", String.valueOf(FreePorts.next()),
                "DEV_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.next()),
                "DEV_ANVIL_PORT", String.valueOf(FreePorts.next()),
                "GATEWAY_PORT", String.valueOf(FreePorts.next()),
                "INGEST_HTTP_PORT", "0", "PROCESSOR_HTTP_PORT", "0"));
        env.put("TOPIC_PREFIX", "restart" + UUID.randomUUID().toString().substring(0, 8));
        JavaProcess first = startDev(env, root.resolve("dev-1.log"));
        String contract = DevState.read(root).orElseThrow().contractAddress();
        List<ProcessHandle> children = new DevProcesses(root.resolve(".chainpulse")).recorded();
        assertThat(children).isNotEmpty();
        first.kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));

        // when dev starts again on the same data
        JavaProcess second = startDev(env, root.resolve("dev-2.log"));
        long readyAt = System.nanoTime();
        try (Database database = Database.connectAndMigrate(settings, "restart-test");
                DroppioClient chain = new DroppioClient(DevState.read(root).orElseThrow().rpcUrl(),
                        AnvilChain.DEV_PRIVATE_KEY, AnvilChain.CHAIN_ID)) {
            Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
            String token = new OverlayTokens(database.jdbi()).issue(creator.creatorId());
            Frames overlay = Frames.connect("ws://127.0.0.1:" + env.get("GATEWAY_PORT") + "/ws/overlay/"
                    + creator.creatorId() + "?token=" + token);
            String txHash = chain.tip(contract, creator.walletAddress(), new BigDecimal("0.01")).getTransactionHash();

            // then it kept the contract, and the tip reaches the overlay within 10 s of ready
            assertThat(DevState.read(root).orElseThrow().contractAddress()).isEqualTo(contract);
            await().atMost(Duration.ofSeconds(10).minusNanos(System.nanoTime() - readyAt))
                    .until(() -> overlay.received.stream().anyMatch(frame -> frame.contains(txHash)));
        } finally {
            second.kill();
        }
    }

    private static JavaProcess startDev(Map<String, String> env, Path log) {
        JavaProcess dev = JavaProcess.start(DevStackMain.class.getName(), env, log);
        await().atMost(START).until(() -> {
            assertThat(dev.isAlive()).as("dev stopped; see %s", log).isTrue();
            return Files.readString(log).contains("READY ");
        });
        return dev;
    }

    /** Text frames of a WebSocket, as they arrive. */
    static final class Frames implements WebSocket.Listener {
        final List<String> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        static Frames connect(String url) throws Exception {
            Frames frames = new Frames();
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), frames).get(10, TimeUnit.SECONDS);
            return frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
