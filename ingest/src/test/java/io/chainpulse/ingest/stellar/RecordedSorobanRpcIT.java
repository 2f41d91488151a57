package io.chainpulse.ingest.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stellar.sdk.Address;
import org.stellar.sdk.Network;
import org.stellar.sdk.scval.Scv;
import org.stellar.sdk.xdr.SCVal;

/**
 * Soroban ingest on getEvents pages recorded from the real Stellar testnet (real contracts, real XDR; where each
 * came from is in {@code soroban-recorded/README.md}), read by the real client and follower into a real broker.
 */
@Timeout(180)
class RecordedSorobanRpcIT {
    private static final String XLM = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";
    private static final String REFLECTOR_A = "CCSSOHTBL3LEWUCBBEB5NJFC2OKFRC74OWEIJIZLRJBGAAU4VMU5NV4W";
    private static final String REFLECTOR_B = "CAVLP5DH2GJPZMVO7IJY4CVOD5MWEFTJFVPD2YY2FQXOQHRGHK4D6HLP";
    private static final String TESTNET_ID = HexFormat.of().formatHex(new Network("Test SDF Network ; September 2015").getNetworkId());
    private static KafkaCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaCluster.startSingle();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Ingests the recorded page from ledger 199616 with page limit 2, as the recorded request asked. */
    private static List<RawChainEvent> ingest(RecordedSorobanRpc rpc, Topics topics, String sourceId, String... contracts) {
        StellarIngestConfig config = StellarIngestConfig.fromEnv(Map.of(
                "SOROBAN_RPC_URL", rpc.url(),
                "STELLARSTREAM_CONTRACT_IDS", String.join(",", contracts),
                "SOROBAN_START_LEDGER", "199616",
                "SOROBAN_PAGE_LIMIT", "2",
                "SOROBAN_POLL_INTERVAL_MS", "50",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SOROBAN_SOURCE_ID", sourceId));
        try (StellarIngestApp app = StellarIngestApp.create(config, topics, TopicLayout.singleBroker()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.metrics().eventsPublished() >= 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> rpc.getEventsRequests().size() >= 2);
        }
        return published(topics);
    }

    private static List<RawChainEvent> published(Topics topics) {
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

    private static SCVal xdr(String base64) throws IOException {
        return SCVal.fromXdrBase64(base64);
    }

    @Test
    void shouldPublishTheRecordedNativeXlmTransfersOfTheTestnetWithTheirRealXdr() throws IOException {
        Topics topics = Topics.withPrefix("recorded-" + UUID.randomUUID().toString().substring(0, 8));
        String sourceId = "recorded-" + UUID.randomUUID();
        List<RawChainEvent> events;
        List<JsonNode> requests;
        try (RecordedSorobanRpc rpc = RecordedSorobanRpc.serving("getEvents-xlm-transfers.json")) {
            events = ingest(rpc, topics, sourceId, XLM);
            requests = rpc.getEventsRequests();
        }

        assertThat(events).extracting(RawChainEvent::getEventId)
                .containsExactly("0000859036408881152-0000000003", "0000863490289963008-0000000010");
        assertThat(events).extracting(RawChainEvent::getBlockNumber).containsExactly(200010L, 201047L);
        assertThat(events).extracting(RawChainEvent::getLogIndex).containsExactly(3, 10);
        assertThat(events).extracting(RawChainEvent::getTxHash).containsExactly(
                "d9e771ac73ec80503c7594f540d10ec068fb80981d11acea41aa193b7543c5ce",
                "d0ee56996d4a750989c385bde0feb322825dbcf82e8053659806e79db1998828");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getChain()).isEqualTo(ChainKinds.STELLAR);
            assertThat(event.getChainId()).isEqualTo(TESTNET_ID);
            assertThat(event.getContractAddress()).isEqualTo(XLM);
            assertThat(event.getRemoved()).isFalse();
        });
        RawChainEvent first = events.get(0);
        assertThat(first.getBlockTimestamp()).isEqualTo(Instant.parse("2025-06-30T07:27:13Z").toEpochMilli());
        assertThat(first.getTopics()).hasSize(4);
        assertThat(Scv.fromSymbol(xdr(first.getTopics().get(0)))).isEqualTo("transfer");
        assertThat(Address.fromSCVal(xdr(first.getTopics().get(1))).toString()).startsWith("G");
        assertThat(Address.fromSCVal(xdr(first.getTopics().get(2))).toString()).startsWith("C");
        assertThat(new String(Scv.fromString(xdr(first.getTopics().get(3))), StandardCharsets.UTF_8)).isEqualTo("native");
        assertThat(Scv.fromInt128(xdr(first.getData()))).isEqualTo(BigInteger.valueOf(1_570_000_000L));
        assertThat(Scv.fromInt128(xdr(events.get(1).getData()))).isEqualTo(BigInteger.TEN);

        assertThat(requests.get(0).path("startLedger").asLong()).isEqualTo(199616);
        assertThat(requests.get(0).at("/filters/0/contractIds/0").asText()).isEqualTo(XLM);
        assertThat(requests.get(0).at("/pagination/limit").asInt()).isEqualTo(2);
        assertThat(requests.get(1).has("startLedger")).isFalse();
        assertThat(requests.get(1).at("/pagination/cursor").asText()).isEqualTo("0000863490289963008-0000000010");
        assertThat(CheckpointReader.latest(kafka.bootstrapServers(), topics, sourceId)).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.getCursor()).isEqualTo("0000863490289963008-0000000010");
            assertThat(checkpoint.getBlockNumber()).isEqualTo(201047);
        });
    }

    @Test
    void shouldPublishTheRecordedReflectorPriceUpdatesOfTwoContractsInOneLedger() throws IOException {
        Topics topics = Topics.withPrefix("recorded-" + UUID.randomUUID().toString().substring(0, 8));
        List<RawChainEvent> events;
        List<JsonNode> requests;
        try (RecordedSorobanRpc rpc = RecordedSorobanRpc.serving("getEvents-reflector-updates.json")) {
            events = ingest(rpc, topics, "recorded-" + UUID.randomUUID(), REFLECTOR_A, REFLECTOR_B);
            requests = rpc.getEventsRequests();
        }

        assertThat(events).extracting(RawChainEvent::getEventId)
                .containsExactly("0000857400026345472-0000000001", "0000857400026349568-0000000001");
        assertThat(events).extracting(RawChainEvent::getContractAddress).containsExactly(REFLECTOR_A, REFLECTOR_B);
        assertThat(events).extracting(RawChainEvent::getBlockNumber).containsExactly(199629L, 199629L);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getBlockTimestamp()).isEqualTo(Instant.parse("2025-06-30T06:55:26Z").toEpochMilli());
            assertThat(event.getTopics()).hasSize(3);
            assertThat(Scv.fromSymbol(xdr(event.getTopics().get(0)))).isEqualTo("reflector");
            assertThat(Scv.fromSymbol(xdr(event.getTopics().get(1)))).isEqualTo("prices");
            assertThat(Scv.fromSymbol(xdr(event.getTopics().get(2)))).isEqualTo("update");
        });
        assertThat(Scv.fromVec(xdr(events.get(0).getData()))).hasSize(9);
        assertThat(Scv.fromVec(xdr(events.get(1).getData()))).hasSize(7);
        assertThat(requests.get(0).at("/filters/0/contractIds")).extracting(JsonNode::asText)
                .containsExactly(REFLECTOR_A, REFLECTOR_B);
        assertThat(requests.get(1).at("/pagination/cursor").asText()).isEqualTo("0000857400026349568-0000000001");
    }
}
