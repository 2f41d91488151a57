package io.chainpulse.ingest.stellar;

import static io.chainpulse.ingest.stellar.TestSorobanEvents.aContractId;
import static io.chainpulse.ingest.stellar.TestSorobanEvents.aLedger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.ingest.evm.RawKeys;
import io.chainpulse.ingest.publish.RawEventPublisher;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stellar.sdk.Network;

/** Soroban ingest against a local JSON-RPC server serving SDK-built XDR, publishing to a real Kafka broker. */
@Timeout(300)
class SorobanIngestIT {
    private static KafkaCluster kafka;
    private final Topics topics = Topics.withPrefix("soroban-" + UUID.randomUUID().toString().substring(0, 8));
    private final String sourceId = "soroban-" + UUID.randomUUID();
    private final String contract = aContractId();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startKafka() {
        kafka = KafkaCluster.startSingle();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private FakeSorobanRpc rpc(long oldest, long latest) {
        FakeSorobanRpc rpc = FakeSorobanRpc.start(oldest, latest);
        toClose.add(rpc);
        return rpc;
    }

    private StellarIngestApp ingest(String urls, long startLedger, int pageLimit) {
        StellarIngestConfig config = StellarIngestConfig.fromEnv(Map.of(
                "SOROBAN_RPC_URL", urls,
                "STELLARSTREAM_CONTRACT_IDS", contract,
                "SOROBAN_START_LEDGER", Long.toString(startLedger),
                "SOROBAN_PAGE_LIMIT", Integer.toString(pageLimit),
                "SOROBAN_POLL_INTERVAL_MS", "50",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SOROBAN_SOURCE_ID", sourceId));
        StellarIngestApp app = StellarIngestApp.create(config, topics, TopicLayout.singleBroker()).start();
        toClose.add(app);
        return app;
    }

    private static void awaitPublishedThrough(StellarIngestApp app, long ledger) {
        await().atMost(Duration.ofSeconds(60)).until(() -> app.metrics().lastPublishedLedger() >= ledger);
    }

    /** Every committed raw record, in partition order per key; read_committed so aborted batches never count. */
    private List<RawChainEvent> published() {
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
            return events;
        }
    }

    private List<String> publishedIdsInOrder() {
        return published().stream().map(RawChainEvent::getEventId).sorted().toList();
    }

    private static List<String> ids(List<FakeSorobanRpc.Event> events) {
        return events.stream().map(FakeSorobanRpc.Event::id).sorted().toList();
    }

    @Test
    void shouldReadALedgerWithMoreEventsThanOnePageWhole() {
        FakeSorobanRpc rpc = rpc(1000, 1000);
        List<FakeSorobanRpc.Event> crowded = aLedger(1001, contract, 5, 5);
        List<FakeSorobanRpc.Event> next = aLedger(1002, contract, 1, 3);
        rpc.closeLedger(1001, crowded);
        rpc.closeLedger(1002, next);

        StellarIngestApp app = ingest(rpc.url(), 1001, 10);
        awaitPublishedThrough(app, 1002);

        List<RawChainEvent> events = published();
        assertThat(events.stream().map(RawChainEvent::getEventId).sorted())
                .containsExactlyElementsOf(ids(Stream.concat(crowded.stream(), next.stream()).toList()));
        assertThat(rpc.getEventsCalls()).isGreaterThanOrEqualTo(3);
        FakeSorobanRpc.Event first = crowded.get(0);
        RawChainEvent raw = events.stream().filter(event -> event.getEventId().equals(first.id())).findFirst().orElseThrow();
        assertThat(raw.getChain()).isEqualTo(ChainKinds.STELLAR);
        assertThat(raw.getChainId()).isEqualTo(HexFormat.of().formatHex(new Network(FakeSorobanRpc.PASSPHRASE).getNetworkId()));
        assertThat(raw.getContractAddress()).isEqualTo(contract);
        assertThat(raw.getBlockNumber()).isEqualTo(1001);
        assertThat(raw.getBlockTimestamp()).isEqualTo(FakeSorobanRpc.closeTime(1001).toEpochMilli());
        assertThat(raw.getTxHash()).isEqualTo(first.txHash());
        assertThat(raw.getLogIndex()).isEqualTo(first.index());
        assertThat(raw.getTopics()).isEqualTo(first.topics());
        assertThat(raw.getData()).isEqualTo(first.value());
        assertThat(app.metrics().eventsPublished()).isEqualTo(28);
    }

    @Test
    void shouldResumeAfterTheLastPublishedEventWhenRestarted() {
        FakeSorobanRpc rpc = rpc(2000, 2000);
        List<FakeSorobanRpc.Event> before = aLedger(2001, contract, 2, 3);
        rpc.closeLedger(2001, before);
        StellarIngestApp first = ingest(rpc.url(), 2001, 4);
        awaitPublishedThrough(first, 2001);
        first.close();

        List<FakeSorobanRpc.Event> after = aLedger(2002, contract, 3, 2);
        rpc.closeLedger(2002, after);
        rpc.closeLedger(2003, List.of());
        StellarIngestApp second = ingest(rpc.url(), 2001, 4);
        awaitPublishedThrough(second, 2003);

        assertThat(publishedIdsInOrder()).containsExactlyElementsOf(ids(Stream.concat(before.stream(), after.stream()).toList()));
        IngestCheckpoint checkpoint = CheckpointReader.latest(kafka.bootstrapServers(), topics, sourceId).orElseThrow();
        assertThat(EventId.parse(checkpoint.getCursor()).ledger()).isEqualTo(2003);
        assertThat(checkpoint.getBlockNumber()).isEqualTo(2003);
    }

    @Test
    void shouldResumeInsideALedgerRightAfterTheSavedCursor() {
        FakeSorobanRpc rpc = rpc(3000, 3000);
        List<FakeSorobanRpc.Event> ledger = aLedger(3001, contract, 3, 4);
        rpc.closeLedger(3001, ledger);
        try (var admin = kafka.admin()) {
            TopicLayout.singleBroker().ensureTopics(admin, topics);
        }
        try (var publisher = new RawEventPublisher(kafka.bootstrapServers(), "seed-" + sourceId, topics, RawKeys::of)) {
            publisher.publish(List.of(), IngestCheckpoint.newBuilder().setSourceId(sourceId).setBlockNumber(3001)
                    .setBlockHash("").setCursor(ledger.get(6).id()).setUpdatedAt(System.currentTimeMillis()).build());
        }

        StellarIngestApp app = ingest(rpc.url(), 3001, 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.metrics().eventsPublished() >= 5);

        assertThat(publishedIdsInOrder()).containsExactlyElementsOf(ids(ledger.subList(7, 12)));
    }

    @Test
    void shouldKeepGoingThroughAnRpcOutageByFailingOverAndBackingOff() {
        FakeSorobanRpc primary = rpc(4000, 4000);
        FakeSorobanRpc secondary = rpc(4000, 4000);
        List<FakeSorobanRpc.Event> early = aLedger(4001, contract, 2, 2);
        List<FakeSorobanRpc.Event> late = aLedger(4002, contract, 2, 2);
        primary.closeLedger(4001, early);
        secondary.closeLedger(4001, early);
        primary.goDown();

        StellarIngestApp app = ingest(primary.url() + "," + secondary.url(), 4001, 10);
        awaitPublishedThrough(app, 4001);
        secondary.goDown();
        primary.closeLedger(4002, late);
        secondary.closeLedger(4002, late);
        await().atMost(Duration.ofSeconds(30)).until(() -> app.metrics().rpcFailures() >= 3);
        primary.comeBack();
        awaitPublishedThrough(app, 4002);

        assertThat(publishedIdsInOrder()).containsExactlyElementsOf(ids(Stream.concat(early.stream(), late.stream()).toList()));
        assertThat(app.metrics().rpcFailures()).isGreaterThanOrEqualTo(3);
        assertThat(app.cursorWithinRetention()).isTrue();
    }

    @Test
    void shouldReportACursorOutOfRetentionAndContinueFromTheOldestLedger() {
        FakeSorobanRpc rpc = rpc(5000, 5000);
        List<FakeSorobanRpc.Event> read = aLedger(5001, contract, 1, 2);
        rpc.closeLedger(5001, read);
        StellarIngestApp first = ingest(rpc.url(), 5001, 10);
        awaitPublishedThrough(first, 5001);
        first.close();

        rpc.closeLedger(5002, aLedger(5002, contract, 1, 2));
        List<FakeSorobanRpc.Event> retained = aLedger(6000, contract, 1, 3);
        rpc.closeLedger(6000, retained);
        rpc.retainFrom(6000);
        StellarIngestApp second = ingest(rpc.url(), 5001, 10);
        awaitPublishedThrough(second, 6000);

        assertThat(second.cursorWithinRetention()).isFalse();
        assertThat(second.metrics().ledgersSkipped()).isEqualTo(6000 - 5001);
        assertThat(second.scrape()).contains("chainpulse_soroban_retention_gap 1.0");
        assertThat(publishedIdsInOrder()).containsExactlyElementsOf(ids(Stream.concat(read.stream(), retained.stream()).toList()));
    }

    @Test
    void shouldStopForGoodWhenAnotherIngestOfTheSameSourceTakesOver() {
        FakeSorobanRpc rpc = rpc(7000, 7000);
        List<FakeSorobanRpc.Event> early = aLedger(7001, contract, 1, 2);
        rpc.closeLedger(7001, early);
        StellarIngestApp first = ingest(rpc.url(), 7001, 10);
        awaitPublishedThrough(first, 7001);

        StellarIngestApp second = ingest(rpc.url(), 7001, 10);
        List<FakeSorobanRpc.Event> late = aLedger(7002, contract, 1, 2);
        rpc.closeLedger(7002, late);
        awaitPublishedThrough(second, 7002);
        await().atMost(Duration.ofSeconds(30)).until(first::fenced);

        assertThat(second.fenced()).isFalse();
        assertThat(first.metrics().lastPublishedLedger()).isEqualTo(7001);
        assertThat(publishedIdsInOrder()).containsExactlyElementsOf(ids(Stream.concat(early.stream(), late.stream()).toList()));
    }
}
