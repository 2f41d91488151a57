package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** topics create, produce, consume and lag run as the CLI runs them, against a real KRaft broker. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String CREATOR = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    private static KafkaCluster kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaCluster.startSingle();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String prefix() {
        return "cli" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ChainpulseCli()).execute(args);
            assertThat(exit).as("exit code of %s", List.of(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldProduceABurstOfTipsThatConsumeDecodesToJsonLines() throws Exception {
        String prefix = prefix();
        String servers = "--bootstrap-servers=" + kafka.bootstrapServers();
        assertThat(run("topics", "create", servers, "--topic-prefix=" + prefix)).contains(prefix + ".raw-chain-events");

        String summary = run("produce", "tip", servers, "--topic-prefix=" + prefix, "--creator=" + CREATOR,
                "--amount=0.25", "--count=20", "--rate=200", "--contract=" + CONTRACT, "--chain-id=31337");
        String lines = run("consume", "raw", servers, "--topic-prefix=" + prefix, "--from-beginning", "--to-end");

        assertThat(summary).contains("acked 20");
        List<JsonNode> records = lines.lines().map(KafkaCommandsIT::parse).toList();
        assertThat(records).hasSize(20).allSatisfy(record -> {
            assertThat(record.get("key").asText()).isEqualTo("evm:31337:" + CREATOR);
            assertThat(record.at("/value/origin").asText()).isEqualTo("TEST");
            assertThat(record.at("/value/contractAddress").asText()).isEqualTo(CONTRACT);
            assertThat(record.at("/value/topics/0").asText()).isEqualTo(
                    "0x90d0d1c278e2812025e0ffbbb2b6a12866b8bfa21446645ba063259a3f48949a");
        });
        assertThat(records.stream().map(record -> record.at("/value/txHash").asText()).distinct()).hasSize(20);
        assertThat(run("consume", prefix + ".raw-chain-events", servers, "--offset=15", "--to-end").lines()).hasSize(5);
        assertThat(run("consume", "raw", servers, "--topic-prefix=" + prefix, "--since=2000-01-01T00:00:00Z", "--max=3")
                .lines()).hasSize(3);
    }

    @Test
    void shouldReportGroupLagAndTheIngestCheckpoint() throws Exception {
        String prefix = prefix();
        String servers = "--bootstrap-servers=" + kafka.bootstrapServers();
        run("topics", "create", servers, "--topic-prefix=" + prefix);
        run("produce", "withdraw", servers, "--topic-prefix=" + prefix, "--creator=" + CREATOR, "--count=6",
                "--contract=" + CONTRACT, "--chain-id=31337");
        Topics topics = Topics.withPrefix(prefix);
        String group = "lag-test-" + prefix;
        TopicPartition rawPartition = commitTwoBehindTheEnd(topics, group);
        writeCheckpoint(topics, "evm-test-source", 42);

        JsonNode report = parse(run("lag", servers, "--topic-prefix=" + prefix, "--group=" + group, "--json",
                "--rpc-url=http://127.0.0.1:1"));

        assertThat(report.get("partitions")).singleElement().satisfies(row -> {
            assertThat(row.get("group").asText()).isEqualTo(group);
            assertThat(row.get("partition").asInt()).isEqualTo(rawPartition.partition());
            assertThat(row.get("lag").asLong()).isEqualTo(2);
            assertThat(row.get("end").asLong()).isEqualTo(6);
        });
        assertThat(report.get("ingest")).singleElement().satisfies(source -> {
            assertThat(source.get("sourceId").asText()).isEqualTo("evm-test-source");
            assertThat(source.get("checkpointBlock").asLong()).isEqualTo(42);
            assertThat(source.get("chainHead").isNull()).isTrue();
        });
    }

    private static TopicPartition commitTwoBehindTheEnd(Topics topics, String group) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group), new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topics.raw().name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            TopicPartition withRecords = consumer.endOffsets(partitions).entrySet().stream()
                    .filter(e -> e.getValue() > 0).findFirst().orElseThrow().getKey();
            consumer.commitSync(Map.of(withRecords, new OffsetAndMetadata(4)), Duration.ofSeconds(30));
            return withRecords;
        }
    }

    private static void writeCheckpoint(Topics topics, String sourceId, long block) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), topics.checkpoints().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.checkpoints().name(), sourceId, IngestCheckpoint.newBuilder()
                    .setSourceId(sourceId).setBlockNumber(block).setBlockHash("0xabc").setUpdatedAt(1L).build())).get();
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + line, e);
        }
    }
}
