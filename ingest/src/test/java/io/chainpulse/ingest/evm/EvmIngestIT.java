package io.chainpulse.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.ingest.IngestApp;
import io.chainpulse.ingest.IngestConfig;
import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.DroppioClient;
import io.chainpulse.localstack.JavaProcess;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EVM ingest against a real anvil chain and a real broker: nothing missed, nothing duplicated, reorgs undone. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EvmIngestIT {
    private static final String CREATOR = "0x00000000000000000000000000000000000000c1";
    private static final BigDecimal TIP = new BigDecimal("0.001");
    private static KafkaCluster kafka;
    private AnvilChain chain;
    private DroppioClient client;
    private String contract;
    private Topics topics;
    private Map<String, String> env;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaCluster.startSingle();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void startChain() {
        chain = AnvilChain.start();
        client = new DroppioClient(chain.httpUrl(), AnvilChain.DEV_PRIVATE_KEY, AnvilChain.CHAIN_ID);
        contract = client.deploy("Droppio");
        String prefix = "ingest" + UUID.randomUUID().toString().substring(0, 8);
        topics = Topics.withPrefix(prefix);
        env = new HashMap<>(Map.of(
                "BASE_RPC_URL", chain.wsUrl() + "," + chain.httpUrl(),
                "DROPPIO_CONTRACT_ADDRESS", contract,
                "EVM_START_BLOCK", "0",
                "EVM_POLL_INTERVAL_MS", "200",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "TOPIC_PREFIX", prefix,
                "INGEST_SOURCE_ID", "src-" + prefix));
    }

    @AfterEach
    void stopChain() {
        client.close();
        chain.close();
    }

    private IngestApp startIngest(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(overrides);
        return IngestApp.create(IngestConfig.fromEnv(settings), topics, TopicLayout.singleBroker(), new LoggedProgress())
                .start();
    }

    private static List<String> txHashes(List<RawChainEvent> events) {
        return events.stream().map(RawChainEvent::getTxHash).toList();
    }

    @Test
    void shouldPublishEveryTipExactlyOnceWhenIngestIsKilledMidBurstAndRestarted() throws Exception {
        try (RawTopicReader reader = new RawTopicReader(kafka.bootstrapServers(), topics)) {
            var log = Files.createTempFile("ingest", ".log");
            JavaProcess ingest = JavaProcess.start("io.chainpulse.ingest.IngestMain", env, log);
            List<String> sent = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.added().size() >= 5);

            ingest.kill();
            for (int i = 0; i < 20; i++) {
                sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
            }
            try (JavaProcess restarted = JavaProcess.start("io.chainpulse.ingest.IngestMain", env, log)) {
                for (int i = 0; i < 20; i++) {
                    sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> reader.added().size() >= sent.size());
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> reader.added().size() == sent.size());
            }
            assertThat(txHashes(reader.added())).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(reader.added()).allSatisfy(event -> assertThat(event.getBlockTimestamp()).isPositive());
        }
    }

    @Test
    void shouldMissNothingWhileTheChainEndpointGoesAwayAndComesBack() throws Exception {
        try (RawTopicReader reader = new RawTopicReader(kafka.bootstrapServers(), topics);
                IngestApp ingest = startIngest(Map.of())) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
            }
            chain.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.metrics().reconnects() > 0);
            chain.launch();
            for (int i = 0; i < 10; i++) {
                sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> reader.added().size() >= sent.size());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> reader.added().size() == sent.size());
            assertThat(txHashes(reader.added())).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void shouldAnnounceOrphanedLogsAsRemovedAfterAReorgAndDeliverTheNewCanonicalOnes() throws Exception {
        try (RawTopicReader reader = new RawTopicReader(kafka.bootstrapServers(), topics);
                IngestApp ingest = startIngest(Map.of())) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.added().size() == 5);

            rpc("anvil_reorg", "[3,[]]");
            String after = client.tip(contract, CREATOR, TIP).getTransactionHash();

            // after the rewind the same signed transaction may be mined again with the same hash: wait for 6 adds
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.removed().size() == 3 && reader.added().size() == 6);
            assertThat(txHashes(reader.removed())).containsExactlyInAnyOrderElementsOf(sent.subList(2, 5));
            assertThat(txHashes(reader.added())).containsExactlyInAnyOrderElementsOf(
                    concat(sent, List.of(after)));
        }
    }

    @Test
    void shouldAnnounceLogsOrphanedWhileIngestWasStoppedAfterItRestarts() throws Exception {
        try (RawTopicReader reader = new RawTopicReader(kafka.bootstrapServers(), topics)) {
            List<String> sent = new ArrayList<>();
            try (IngestApp ingest = startIngest(Map.of())) {
                for (int i = 0; i < 4; i++) {
                    sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.added().size() == 4);
            }

            rpc("anvil_reorg", "[2,[]]");
            try (IngestApp restarted = startIngest(Map.of())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> reader.removed().size() == 2);
                assertThat(txHashes(reader.removed())).containsExactlyInAnyOrderElementsOf(sent.subList(2, 4));
            }
        }
    }

    @Test
    void shouldHoldLogsBackUntilTheConfiguredConfirmations() throws Exception {
        try (RawTopicReader reader = new RawTopicReader(kafka.bootstrapServers(), topics);
                IngestApp ingest = startIngest(Map.of("EVM_CONFIRMATIONS", "2"))) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.added().size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> reader.added().size() == 1);
            assertThat(txHashes(reader.added())).containsExactly(sent.get(0));

            rpc("anvil_mine", "[\"0x2\"]");

            await().atMost(Duration.ofSeconds(30)).until(() -> reader.added().size() == 3);
            assertThat(txHashes(reader.added())).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void shouldCompleteABackfillWhenTheProviderRefusesWideRanges() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(client.tip(contract, CREATOR, TIP).getTransactionHash());
        }
        try (RangeLimitingRpc provider = new RangeLimitingRpc(chain.httpUrl(), 4);
                RawTopicReader reader = new RawTopicReader(kafka.bootstrapServers(), topics);
                IngestApp ingest = startIngest(Map.of("BASE_RPC_URL", provider.url()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.added().size() >= sent.size());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> reader.added().size() == sent.size());

            assertThat(txHashes(reader.added())).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(provider.refusals.get()).isPositive();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private void rpc(String method, String params) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chain.httpUrl()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain("\"error\"");
    }

}
