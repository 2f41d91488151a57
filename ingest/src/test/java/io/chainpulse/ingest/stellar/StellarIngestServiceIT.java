package io.chainpulse.ingest.stellar;

import static io.chainpulse.ingest.stellar.TestSorobanEvents.aLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.JavaProcess;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * StellarIngestMain as an operator runs it ({@code ./chainpulse stellar-ingest}), in its own JVM against a real
 * broker and a Soroban RPC stand-in that serves the recorded testnet events among generated ones: SIGKILLed
 * mid-stream it resumes from its cursor with nothing lost or repeated; it answers /health and /metrics; on SIGTERM it
 * commits its cursor and exits.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StellarIngestServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String XLM = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";

    @Test
    void shouldResumeFromItsCursorAfterSigkillAndStopCleanlyOnSigterm() throws Exception {
        List<FakeSorobanRpc.Event> recorded = RecordedSorobanRpc.recordedEvents("getEvents-xlm-transfers.json");
        String prefix = "stellar" + UUID.randomUUID().toString().substring(0, 8);
        String sourceId = "src-" + prefix;
        int httpPort = FreePorts.next();
        Path log = Files.createTempFile("stellar-ingest", ".log");
        List<FakeSorobanRpc.Event> sent = new ArrayList<>();
        try (KafkaCluster kafka = KafkaCluster.startSingle(); FakeSorobanRpc rpc = FakeSorobanRpc.start(200_000, 200_000)) {
            Map<String, String> env = Map.of(
                    "SOROBAN_RPC_URL", rpc.url(),
                    "STELLARSTREAM_CONTRACT_IDS", XLM,
                    "SOROBAN_START_LEDGER", "200001",
                    "SOROBAN_PAGE_LIMIT", "3",
                    "SOROBAN_POLL_INTERVAL_MS", "100",
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "TOPIC_PREFIX", prefix,
                    "SOROBAN_SOURCE_ID", sourceId,
                    "STELLAR_INGEST_HTTP_PORT", String.valueOf(httpPort));
            Topics topics = Topics.withPrefix(prefix);
            close(rpc, sent, recorded.subList(0, 1));
            for (long ledger = 200_011; ledger <= 200_030; ledger++) {
                close(rpc, sent, aLedger(ledger, XLM, 2, 2));
            }

            try (var admin = kafka.admin()) {
                TopicLayout.singleBroker().ensureTopics(admin, topics);
            }

            try (JavaProcess first = JavaProcess.start(StellarIngestMain.class.getName(), env, log)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> published(kafka, topics).size() >= 10);
                first.kill();
            }
            for (long ledger = 200_031; ledger <= 200_040; ledger++) {
                close(rpc, sent, aLedger(ledger, XLM, 1, 3));
            }
            close(rpc, sent, recorded.subList(1, 2));

            try (JavaProcess second = JavaProcess.start(StellarIngestMain.class.getName(), env, log)) {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> health(httpPort).path("lastPublishedLedger").asLong() == 201_047);
                JsonNode health = health(httpPort);
                String metrics = get(httpPort, "/metrics").body();

                boolean exited = second.terminate(40);

                assertThat(health.path("status").asText()).isEqualTo("UP");
                assertThat(health.path("ledgersBehind").asLong()).isZero();
                assertThat(metrics).contains("chainpulse_soroban_last_published_ledger 201047.0");
                assertThat(exited).as("stellar ingest exits within 40 s of SIGTERM").isTrue();
            }
            assertThat(Files.readString(log)).contains("Soroban ingest stopped at ledger 201047");
            assertThat(published(kafka, topics)).extracting(RawChainEvent::getEventId)
                    .containsExactlyElementsOf(sent.stream().map(FakeSorobanRpc.Event::id).sorted().toList());
            assertThat(CheckpointReader.latest(kafka.bootstrapServers(), topics, sourceId))
                    .hasValueSatisfying(checkpoint -> assertThat(checkpoint.getBlockNumber()).isEqualTo(201_047));
        }
    }

    private static void close(FakeSorobanRpc rpc, List<FakeSorobanRpc.Event> sent, List<FakeSorobanRpc.Event> ledger) {
        rpc.closeLedger(ledger.get(0).ledger(), ledger);
        sent.addAll(ledger);
    }

    /** Every committed raw event, sorted by id (ids order events on the chain); duplicates stay. */
    private static List<RawChainEvent> published(KafkaCluster kafka, Topics topics) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.raw().name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<RawChainEvent> events = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(
                        topics.raw().valueSerde().deserializer().deserialize(record.topic(), record.value())));
            }
            events.sort((left, right) -> left.getEventId().compareTo(right.getEventId()));
            return events;
        }
    }

    private static JsonNode health(int port) throws Exception {
        return JSON.readTree(get(port, "/health").body());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
