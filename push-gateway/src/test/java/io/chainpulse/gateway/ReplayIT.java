package io.chainpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.schemas.tip.TipEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReplayIT {
    private static TestStack stack;

    @BeforeAll
    static void start() {
        stack = TestStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String url(GatewayApp gateway, TestStack.CreatorWithToken creator, String since) {
        return "ws://127.0.0.1:" + gateway.port() + "/ws/overlay/" + creator.id() + "?token=" + creator.token()
                + (since == null ? "" : "&since=" + since);
    }

    private static List<TipEvent> hundredTips(String creatorId) {
        return IntStream.rangeClosed(1, 100).mapToObj(i -> TestTips.aTip(creatorId, "0.00" + i)).toList();
    }

    /** Connects, receives one tip, disconnects, and returns that tip's id. */
    private static String lastIdSeenBeforeLeaving(GatewayApp gateway, TestStack.CreatorWithToken creator) {
        try (TestSocket socket = TestSocket.connect(url(gateway, creator, null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.connectionsOf(creator.id()) == 1);
            stack.send(TestTips.aTip(creator.id(), "0.5"));
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 1);
            return socket.tipIds().get(0);
        }
    }

    private static void assertExactlyTheMissedTipsThenLive(GatewayApp gateway, TestStack.CreatorWithToken creator,
            String since, List<TipEvent> missed) {
        try (TestSocket socket = TestSocket.connect(url(gateway, creator, since))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> socket.tipIds().size() >= missed.size());
            assertThat(socket.ofType("TIP_SENT").stream().map(node -> node.get("txHash").asText()).toList())
                    .containsExactlyElementsOf(missed.stream().map(TipEvent::getTxHash).toList());
            assertThat(socket.ofType("RECOVERED")).hasSize(1);
            assertThat(socket.ofType("RECOVERED").get(0).get("events").asInt()).isEqualTo(missed.size());

            TipEvent live = TestTips.aTip(creator.id(), "7");
            stack.send(live);

            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == missed.size() + 1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> socket.tipIds().size() == missed.size() + 1);
            assertThat(socket.ofType("TIP_SENT").getLast().get("txHash").asText()).isEqualTo(live.getTxHash());
            assertThat(socket.tipIds()).doesNotHaveDuplicates().doesNotContain(since);
        }
    }

    @Test
    void shouldReplayExactlyTheMissedTipsInOrderFromMemoryThenLive() {
        try (GatewayApp gateway = stack.startGateway(Map.of())) {
            var creator = stack.aCreator();
            String lastSeen = lastIdSeenBeforeLeaving(gateway, creator);
            List<TipEvent> missed = hundredTips(creator.id());
            stack.sendAll(missed);

            assertExactlyTheMissedTipsThenLive(gateway, creator, lastSeen, missed);
        }
    }

    @Test
    void shouldReplayFromMemoryWarmedAtStartAcrossAGatewayRestart() throws Exception {
        var creator = stack.aCreator();
        String lastSeen;
        try (GatewayApp before = stack.startGateway(Map.of())) {
            lastSeen = lastIdSeenBeforeLeaving(before, creator);
        }
        List<TipEvent> missed = hundredTips(creator.id());
        stack.sendAll(missed);

        try (GatewayApp after = stack.startGateway(Map.of())) {
            assertExactlyTheMissedTipsThenLive(after, creator, lastSeen, missed);

            assertThat(metric(after, "gateway_replays_total", "source=\"memory\"", "outcome=\"recovered\"")).isEqualTo(1);
            assertThat(metric(after, "gateway_replays_total", "source=\"kafka\"")).isZero();
        }
    }

    @Test
    void shouldReplayFromKafkaAcrossAGatewayRestartWithoutWarming() throws Exception {
        var creator = stack.aCreator();
        String lastSeen;
        try (GatewayApp before = stack.startGateway(Map.of())) {
            lastSeen = lastIdSeenBeforeLeaving(before, creator);
        }
        List<TipEvent> missed = hundredTips(creator.id());
        stack.sendAll(missed);

        try (GatewayApp after = stack.startGateway(Map.of("REPLAY_WARM_RECORDS_PER_PARTITION", "0"))) {
            assertExactlyTheMissedTipsThenLive(after, creator, lastSeen, missed);

            assertThat(metric(after, "gateway_replays_total", "source=\"kafka\"", "outcome=\"recovered\"")).isEqualTo(1);
        }
    }

    @Test
    void shouldReplayFromKafkaWhenTheCursorIsOlderThanTheWarmedRecords() throws Exception {
        var creator = stack.aCreator();
        String lastSeen;
        try (GatewayApp before = stack.startGateway(Map.of())) {
            lastSeen = lastIdSeenBeforeLeaving(before, creator);
        }
        List<TipEvent> missed = hundredTips(creator.id());
        stack.sendAll(missed);

        try (GatewayApp after = stack.startGateway(Map.of("REPLAY_WARM_RECORDS_PER_PARTITION", "50"))) {
            assertExactlyTheMissedTipsThenLive(after, creator, lastSeen, missed);

            assertThat(metric(after, "gateway_replays_total", "source=\"kafka\"", "outcome=\"recovered\"")).isEqualTo(1);
            assertThat(metric(after, "gateway_replays_total", "source=\"memory\"")).isZero();
        }
    }

    @Test
    void shouldReplayInOneBatchFrameFromMemoryWhenAskedThenLiveEventsOneByOne() {
        try (GatewayApp gateway = stack.startGateway(Map.of())) {
            var creator = stack.aCreator();
            String lastSeen = lastIdSeenBeforeLeaving(gateway, creator);
            List<TipEvent> missed = hundredTips(creator.id());
            stack.sendAll(missed);

            try (TestSocket socket = TestSocket.connect(url(gateway, creator, lastSeen) + "&replay=batch")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !socket.ofType("RECOVERED").isEmpty());
                TipEvent live = TestTips.aTip(creator.id(), "7");
                stack.send(live);
                await().atMost(Duration.ofSeconds(20)).until(() -> socket.ofType("TIP_SENT").size() == 1);

                assertThat(types(socket)).containsExactly("BATCH", "RECOVERED", "TIP_SENT");
                assertThat(txHashesOfBatches(socket)).containsExactlyElementsOf(txHashes(missed));
                assertThat(socket.ofType("RECOVERED").get(0).get("events").asInt()).isEqualTo(missed.size());
                assertThat(socket.ofType("TIP_SENT").get(0).get("txHash").asText()).isEqualTo(live.getTxHash());
            }
        }
    }

    @Test
    void shouldSplitALongBatchedReplayFromKafkaIntoFramesWithinTheFrameLimit() throws Exception {
        var creator = stack.aCreator();
        String lastSeen;
        try (GatewayApp before = stack.startGateway(Map.of())) {
            lastSeen = lastIdSeenBeforeLeaving(before, creator);
        }
        List<TipEvent> missed = IntStream.range(0, 600).mapToObj(i -> TestTips.aTip(creator.id(), "0.01")).toList();
        stack.sendAll(missed);

        try (GatewayApp after = stack.startGateway(Map.of("REPLAY_WARM_RECORDS_PER_PARTITION", "0"));
                TestSocket socket = TestSocket.connect(url(after, creator, lastSeen) + "&replay=batch")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !socket.ofType("RECOVERED").isEmpty());

            // 600 tips of about 400 bytes do not fit one frame of WS_MAX_INBOUND_BYTES (64 KiB, both ways)
            List<String> types = types(socket);
            assertThat(types.getLast()).isEqualTo("RECOVERED");
            assertThat(types.subList(0, types.size() - 1)).hasSizeGreaterThan(1).containsOnly("BATCH");
            assertThat(socket.messages()).allSatisfy(message -> assertThat(message.length()).isLessThanOrEqualTo(65_536));
            assertThat(txHashesOfBatches(socket)).containsExactlyElementsOf(txHashes(missed));
            assertThat(socket.ofType("RECOVERED").get(0).get("events").asInt()).isEqualTo(600);
            assertThat(metric(after, "gateway_replays_total", "source=\"kafka\"", "outcome=\"recovered\"")).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseAReplayModeItDoesNotKnow() {
        try (GatewayApp gateway = stack.startGateway(Map.of())) {
            var creator = stack.aCreator();
            try (TestSocket socket = TestSocket.connect(url(gateway, creator, "0-1") + "&replay=all")) {
                await().atMost(Duration.ofSeconds(10)).until(socket::isClosed);
                assertThat(socket.closeCode()).isEqualTo(1008);
                assertThat(socket.closeReason()).isEqualTo("replay must be batch or frames");
                assertThat(socket.messages()).isEmpty();
            }
        }
    }

    private static List<String> types(TestSocket socket) {
        return socket.ofType(null).stream().map(node -> node.get("type").asText()).toList();
    }

    private static List<String> txHashesOfBatches(TestSocket socket) {
        List<String> hashes = new ArrayList<>();
        socket.ofType("BATCH").forEach(batch -> batch.get("events").forEach(event -> {
            assertThat(event.get("type").asText()).isEqualTo("TIP_SENT");
            hashes.add(event.get("txHash").asText());
        }));
        return hashes;
    }

    private static List<String> txHashes(List<TipEvent> tips) {
        return tips.stream().map(TipEvent::getTxHash).toList();
    }

    @Test
    void shouldServeManyClientsOfOnePartitionWithOneSharedKafkaScan() throws Exception {
        var creator = stack.aCreator();
        List<String> ids;
        try (GatewayApp before = stack.startGateway(Map.of());
                TestSocket socket = TestSocket.connect(url(before, creator, null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> before.connectionsOf(creator.id()) == 1);
            stack.sendAll(hundredTips(creator.id()));
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 100);
            ids = List.copyOf(socket.tipIds());
        }
        int clients = 20;

        try (GatewayApp after = stack.startGateway(Map.of("REPLAY_WARM_RECORDS_PER_PARTITION", "0",
                "REPLAY_SCAN_GATHER_MS", "3000"))) {
            List<TestSocket> sockets = connectAll(IntStream.range(0, clients)
                    .mapToObj(i -> url(after, creator, ids.get(i * 5))).toList());
            try {
                for (int i = 0; i < clients; i++) {
                    TestSocket socket = sockets.get(i);
                    List<String> missed = ids.subList(i * 5 + 1, ids.size());
                    await().atMost(Duration.ofSeconds(30)).until(() -> !socket.ofType("RECOVERED").isEmpty());
                    assertThat(socket.tipIds()).containsExactlyElementsOf(missed);
                    assertThat(socket.ofType("RECOVERED").get(0).get("events").asInt()).isEqualTo(missed.size());
                }

                assertThat(metric(after, "gateway_replay_scans_total", "feed=\"tips\"")).isEqualTo(1);
                assertThat(metric(after, "gateway_replay_scan_clients_total", "feed=\"tips\"")).isEqualTo(clients);
                assertThat(metric(after, "gateway_replays_total", "source=\"kafka\"", "outcome=\"recovered\""))
                        .isEqualTo(clients);
                assertThat(metric(after, "gateway_replay_scan_waiting", "feed=\"tips\"")).isZero();
            } finally {
                sockets.forEach(TestSocket::close);
            }
        }
    }

    private static List<TestSocket> connectAll(List<String> urls) throws Exception {
        try (ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestSocket>> sockets = urls.stream()
                    .map(url -> connecting.submit(() -> TestSocket.connect(url))).toList();
            List<TestSocket> connected = new ArrayList<>();
            for (Future<TestSocket> socket : sockets) {
                connected.add(socket.get(30, TimeUnit.SECONDS));
            }
            return connected;
        }
    }

    /** Sum of the Prometheus samples of {@code name} whose labels include every one of {@code labels}. */
    private static double metric(GatewayApp gateway, String name, String... labels) throws Exception {
        String body = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void shouldReplayOnASecondGatewayInstance() {
        try (GatewayApp first = stack.startGateway(Map.of()); GatewayApp second = stack.startGateway(Map.of())) {
            var creator = stack.aCreator();
            String lastSeen = lastIdSeenBeforeLeaving(first, creator);
            List<TipEvent> missed = hundredTips(creator.id());
            stack.sendAll(missed);

            assertExactlyTheMissedTipsThenLive(second, creator, lastSeen, missed);
        }
    }

    @Test
    void shouldReplayFromKafkaWhenMemoryNoLongerReachesBack() {
        try (GatewayApp gateway = stack.startGateway(Map.of("REPLAY_BUFFER_PER_CREATOR", "10"))) {
            var creator = stack.aCreator();
            String lastSeen = lastIdSeenBeforeLeaving(gateway, creator);
            List<TipEvent> missed = hundredTips(creator.id());
            stack.sendAll(missed);

            assertExactlyTheMissedTipsThenLive(gateway, creator, lastSeen, missed);
        }
    }

    @Test
    void shouldSayExplicitlyWhenTheCursorIsOlderThanRetention() throws Exception {
        var creator = stack.aCreator();
        RecordMetadata first = stack.send(TestTips.aTip(creator.id(), "1"));
        stack.send(TestTips.aTip(creator.id(), "2"));
        RecordMetadata third = stack.send(TestTips.aTip(creator.id(), "3"));
        try (var admin = stack.kafka.admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(stack.topics.tips().name(), third.partition()),
                    RecordsToDelete.beforeOffset(third.offset()))).all().get(30, TimeUnit.SECONDS);
        }

        try (GatewayApp gateway = stack.startGateway(Map.of());
                TestSocket socket = TestSocket.connect(url(gateway, creator, first.partition() + "-" + first.offset()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !socket.ofType("REPLAY_UNAVAILABLE").isEmpty());
            var notice = socket.ofType("REPLAY_UNAVAILABLE").get(0);
            assertThat(notice.get("reason").asText()).contains("retention");
            assertThat(notice.get("historyUrl").asText()).isEqualTo("/api/creators/" + creator.id() + "/tips");
            assertThat(socket.tipIds()).isEmpty();

            stack.send(TestTips.aTip(creator.id(), "4"));
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 1);
        }
    }

    @Test
    void shouldSayExplicitlyWhenTheCursorIsUnknown() {
        try (GatewayApp gateway = stack.startGateway(Map.of())) {
            var creator = stack.aCreator();
            RecordMetadata written = stack.send(TestTips.aTip(creator.id(), "1"));
            String future = written.partition() + "-" + (written.offset() + 1_000_000);

            try (TestSocket socket = TestSocket.connect(url(gateway, creator, future))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !socket.ofType("REPLAY_UNAVAILABLE").isEmpty());
                assertThat(socket.ofType("REPLAY_UNAVAILABLE").get(0).get("reason").asText()).contains("unknown");

                stack.send(TestTips.aTip(creator.id(), "2"));
                await().atMost(Duration.ofSeconds(20)).until(() -> socket.tipIds().size() == 1);
            }
        }
    }
}
