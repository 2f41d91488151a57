package io.chainpulse.processor.stellar;

import static io.chainpulse.processor.stellar.TestStreamEvents.aContractId;
import static io.chainpulse.processor.stellar.TestStreamEvents.anAccount;
import static io.chainpulse.processor.stellar.TestStreamEvents.stroops;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.processor.ProcessorConfig;
import io.chainpulse.processor.TestLogs;
import io.chainpulse.processor.persist.TipLedger;
import io.chainpulse.processor.topology.PipelineTopology;
import io.chainpulse.processor.topology.ProcessorMetrics;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.deadletter.DeadLetter;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.stream.StreamEvent;
import io.chainpulse.store.Database;
import io.chainpulse.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stellar.sdk.scval.Scv;

/** StellarStream events through the pipeline topology (TopologyTestDriver), persisting to a real PostgreSQL schema. */
@Timeout(120)
class StreamTopologyIT {
    private final Topics topics = Topics.withPrefix("t");
    private final String contract = aContractId();
    private final String sender = anAccount();
    private final String receiver = anAccount();
    private final String token = aContractId();
    private Database database;
    private StreamMetrics metrics;
    private StreamLedger ledger;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, StreamEvent> streams;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void startDriver() throws Exception {
        database = TestDatabases.freshSchema();
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of(
                "EVM_CHAIN_ID", TestLogs.CHAIN_ID, "DROPPIO_CONTRACT_ADDRESS", TestLogs.CONTRACT,
                "STELLARSTREAM_CONTRACT_IDS", contract));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics = new StreamMetrics(registry);
        ledger = new StreamLedger(database.jdbi());
        var topology = PipelineTopology.build(config, topics, new TipLedger(database.jdbi()),
                new StreamEventHandler(config.stellarContracts(), ledger, metrics), new ProcessorMetrics(registry));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stream-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("streams").toString());
        driver = new TopologyTestDriver(topology, props);
        raw = driver.createInputTopic(topics.raw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        streams = driver.createOutputTopic(topics.streams().name(), Serdes.String().deserializer(),
                topics.streams().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
        database.close();
    }

    private void send(RawChainEvent event) {
        raw.pipeInput(event.getEventId(), topics.raw().valueSerde().serializer().serialize("t", event));
    }

    @Test
    void shouldSendANewActiveStreamToBothSenderAndReceiver() {
        RawChainEvent create = TestStreamEvents.v1Create(contract, 7, sender, receiver, token, stroops(1_000_000_000));

        send(create);

        List<KeyValue<String, StreamEvent>> out = streams.readKeyValuesToList();
        assertThat(out).extracting(record -> record.key).containsExactly(sender, receiver);
        for (KeyValue<String, StreamEvent> record : out) {
            StreamEvent event = record.value;
            assertThat(event.getEvent()).isEqualTo(StreamEventHandler.NEW_STREAM);
            assertThat(event.getAddress()).isEqualTo(record.key);
            assertThat(event.getStreamId()).isEqualTo("7");
            assertThat(event.getSender()).isEqualTo(sender);
            assertThat(event.getReceiver()).isEqualTo(receiver);
            assertThat(event.getAmount()).isEqualTo("1000000000");
            assertThat(event.getStatus()).isEqualTo("ACTIVE");
            assertThat(event.getTimestamp()).isEqualTo(TestStreamEvents.LEDGER_CLOSE_MS);
            assertThat(event.getEventId()).isEqualTo(create.getEventId());
        }
        assertThat(ledger.stream(contract, "7", EventOrigin.CHAIN)).hasValueSatisfying(row -> {
            assertThat(row.status()).isEqualTo("ACTIVE");
            assertThat(row.total()).isEqualTo(stroops(1_000_000_000));
        });
    }

    @Test
    void shouldCountTheSameWithdrawalOnceWhenItIsReplayed() {
        send(TestStreamEvents.v2Create(contract, 42, sender, receiver, token, stroops(1_000)));
        streams.readValuesToList();
        RawChainEvent withdrawal = TestStreamEvents.v2Claim(contract, 42, receiver, stroops(300), stroops(300));

        send(withdrawal);
        send(withdrawal);
        send(TestStreamEvents.v2Claim(contract, 42, receiver, stroops(200), stroops(500)));

        List<KeyValue<String, StreamEvent>> out = streams.readKeyValuesToList();
        assertThat(out).extracting(record -> record.key).containsExactly(receiver, receiver);
        assertThat(out).extracting(record -> record.value.getEvent()).containsOnly(StreamEventHandler.BALANCE_UPDATE);
        assertThat(out).extracting(record -> record.value.getNewBalance()).containsExactly("300", "500");
        assertThat(ledger.stream(contract, "42", EventOrigin.CHAIN))
                .hasValueSatisfying(row -> assertThat(row.withdrawn()).isEqualTo(stroops(500)));
        assertThat(metrics.replaysDropped()).isEqualTo(1);
    }

    @Test
    void shouldSendACanceledStreamWithTotalMinusWhatWentBackToTheSender() {
        send(TestStreamEvents.v1Create(contract, 8, sender, receiver, token, stroops(1_000)));
        send(TestStreamEvents.v1Claim(contract, 8, receiver, stroops(200), stroops(200)));
        streams.readValuesToList();

        send(TestStreamEvents.v1Cancel(contract, 8, sender, stroops(300), stroops(500)));

        List<KeyValue<String, StreamEvent>> out = streams.readKeyValuesToList();
        assertThat(out).extracting(record -> record.key).containsExactly(sender, receiver);
        assertThat(out).extracting(record -> record.value.getStatus()).containsOnly("CANCELED");
        assertThat(out).extracting(record -> record.value.getAmount()).containsOnly("500");
        assertThat(ledger.stream(contract, "8", EventOrigin.CHAIN)).hasValueSatisfying(row -> assertThat(row.status()).isEqualTo("CANCELED"));
    }

    @Test
    void shouldStoreAndCountOtherActionsWithoutRefusingThem() {
        RawChainEvent pause = TestStreamEvents.v2(contract, 9, "pause",
                List.of(Scv.toUint64(BigInteger.valueOf(9))));

        send(pause);
        send(pause);

        assertThat(streams.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.uninterpretedActions()).isEqualTo(1);
        long stored = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM stellar_raw_events WHERE action = 'pause'").mapTo(Long.class).one());
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterEventsOfOtherContractsAndUndecodableEvents() {
        send(TestStreamEvents.v1Create(aContractId(), 1, sender, receiver, token, stroops(5)));
        send(RawChainEvent.newBuilder(TestStreamEvents.v1Create(contract, 2, sender, receiver, token, stroops(5)))
                .setData("AAAA").build());

        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReason)
                .containsExactly("UNKNOWN_CONTRACT", "UNDECODABLE");
        assertThat(streams.isEmpty()).isTrue();
    }

    @Test
    void shouldMarkTestStreamEventsTestAndNeverLetThemChangeAChainStream() {
        send(TestStreamEvents.v2Create(contract, 9, sender, receiver, token, stroops(1_000)));
        streams.readValuesToList();

        send(asTest(TestStreamEvents.v2Claim(contract, 9, receiver, stroops(900), stroops(900))));
        send(asTest(TestStreamEvents.v2Create(contract, 10, sender, receiver, token, stroops(50))));

        List<StreamEvent> out = streams.readValuesToList();
        assertThat(out).extracting(StreamEvent::getOrigin).containsOnly("TEST");
        assertThat(out).extracting(StreamEvent::getStreamId).containsExactly("9", "10", "10");
        assertThat(ledger.stream(contract, "9", EventOrigin.CHAIN))
                .hasValueSatisfying(row -> assertThat(row.withdrawn()).isEqualTo(BigInteger.ZERO));
        assertThat(ledger.stream(contract, "10", EventOrigin.TEST)).isPresent();
        assertThat(ledger.stream(contract, "10", EventOrigin.CHAIN)).isEmpty();
    }

    private static RawChainEvent asTest(RawChainEvent event) {
        return RawChainEvent.newBuilder(event).setOrigin("TEST").build();
    }
}
