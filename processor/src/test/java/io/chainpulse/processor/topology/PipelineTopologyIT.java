package io.chainpulse.processor.topology;

import static io.chainpulse.processor.TestLogs.aTip;
import static io.chainpulse.processor.TestLogs.aTxHash;
import static io.chainpulse.processor.TestLogs.aWithdraw;
import static io.chainpulse.processor.TestLogs.eth;
import static io.chainpulse.processor.TestLogs.removed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.chainpulse.processor.ProcessorConfig;
import io.chainpulse.processor.TestLogs;
import io.chainpulse.processor.persist.TipLedger;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.balance.BalanceEvent;
import io.chainpulse.schemas.deadletter.DeadLetter;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.tip.TipEvent;
import io.chainpulse.schemas.TipEventTypes;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The topology through TopologyTestDriver, persisting to a real PostgreSQL schema. */
@Timeout(120)
class PipelineTopologyIT {
    private final Topics topics = Topics.withPrefix("t");
    private Database database;
    private CreatorRegistry creators;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, TipEvent> tips;
    private TestOutputTopic<String, BalanceEvent> balances;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void startDriver() throws Exception {
        database = TestDatabases.freshSchema();
        creators = new CreatorRegistry(database.jdbi());
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of(
                "EVM_CHAIN_ID", TestLogs.CHAIN_ID, "DROPPIO_CONTRACT_ADDRESS", TestLogs.CONTRACT));
        var topology = PipelineTopology.build(config, topics, new TipLedger(database.jdbi()),
                new ProcessorMetrics(new SimpleMeterRegistry()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("streams").toString());
        driver = new TopologyTestDriver(topology, props);
        raw = driver.createInputTopic(topics.raw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        tips = driver.createOutputTopic(topics.tips().name(), Serdes.String().deserializer(),
                topics.tips().valueSerde().deserializer());
        balances = driver.createOutputTopic(topics.balances().name(), Serdes.String().deserializer(),
                topics.balances().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
        database.close();
    }

    private void send(RawChainEvent event) {
        raw.pipeInput("k", topics.raw().valueSerde().serializer().serialize("t", event));
        // tips are flushed in batches on a wall-clock punctuation
        driver.advanceWallClockTime(Duration.ofMillis(10));
    }

    private long tipRows() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tips").mapTo(Long.class).one());
    }

    @Test
    void shouldPersistThenEmitATipToARegisteredCreatorKeyedByCreatorId() {
        Creator creator = creators.register(TestDatabases.aWallet());
        String tipper = TestDatabases.aWallet();
        String tx = aTxHash();

        send(aTip(tipper, creator.walletAddress(), eth("0.05"), tx, 3));

        var out = tips.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(creator.creatorId().toString());
        TipEvent tip = out.get(0).value;
        assertThat(tip.getType()).isEqualTo(TipEventTypes.TIP_SENT);
        assertThat(tip.getAmountEth()).isEqualTo("0.05");
        assertThat(tip.getAmountWei()).isEqualTo("50000000000000000");
        assertThat(tip.getTxHash()).isEqualTo(tx);
        assertThat(tip.getTipperAddress()).isEqualTo(tipper);
        assertThat(tip.getTipMode()).isEqualTo("offline");
        assertThat(tip.getBlockTimestamp()).isEqualTo(1_763_769_600_000L);
        assertThat(tipRows()).isEqualTo(1);
        long viewers = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM users WHERE wallet_address = :w AND role = 'viewer'").bind("w", tipper)
                .mapTo(Long.class).one());
        assertThat(viewers).isEqualTo(1);
    }

    @Test
    void shouldDropSecondLogWithSameTxHashAndLogIndex() {
        Creator creator = creators.register(TestDatabases.aWallet());
        RawChainEvent tip = aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("1"), aTxHash(), 0);

        send(tip);
        send(tip);
        send(tip);

        assertThat(tips.readValuesToList()).hasSize(1);
        assertThat(tipRows()).isEqualTo(1);
    }

    @Test
    void shouldKeepEveryTipOfOneTransactionByLogIndex() {
        Creator creator = creators.register(TestDatabases.aWallet());
        String tx = aTxHash();

        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.01"), tx, 0));
        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.01"), tx, 1));

        assertThat(tips.readValuesToList()).extracting(TipEvent::getLogIndex).containsExactly(0, 1);
        assertThat(tipRows()).isEqualTo(2);
    }

    @Test
    void shouldKeepATipToAnUnregisteredWalletAndAttachItWhenTheWalletRegisters() {
        String wallet = TestDatabases.aWallet();

        send(aTip(TestDatabases.aWallet(), wallet, eth("0.5"), aTxHash(), 0));
        Creator creator = creators.register(wallet);

        assertThat(tips.isEmpty()).isTrue();
        long attached = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM tips WHERE creator_id = :id").bind("id", creator.creatorId()).mapTo(Long.class).one());
        assertThat(attached).isEqualTo(1);
    }

    @Test
    void shouldSendPoisonRecordsToTheDeadLetterTopicAndKeepGoing() {
        Creator creator = creators.register(TestDatabases.aWallet());

        raw.pipeInput("k", "not avro".getBytes());
        driver.advanceWallClockTime(Duration.ofMillis(10));
        send(RawChainEvent.newBuilder(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("1"), aTxHash(), 0))
                .setChainId("1").build());
        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), BigInteger.ZERO, aTxHash(), 0));
        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("2"), aTxHash(), 0));

        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters).extracting(DeadLetter::getReason)
                .containsExactly("UNREADABLE_RECORD", "WRONG_CHAIN", "ZERO_AMOUNT");
        assertThat(letters.get(0).getSourceTopic()).isEqualTo(topics.raw().name());
        assertThat(letters.get(0).getSourceOffset()).isEqualTo(0);
        assertThat(tips.readValuesToList()).extracting(TipEvent::getAmountEth).containsExactly("2");
    }

    @Test
    void shouldRevertARemovedTipAnnounceItAndDeliverItAgainWhenItReturns() {
        Creator creator = creators.register(TestDatabases.aWallet());
        RawChainEvent tip = aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.3"), aTxHash(), 0);

        send(tip);
        send(removed(tip));
        send(removed(tip));
        send(tip);

        assertThat(tips.readValuesToList()).extracting(TipEvent::getType)
                .containsExactly(TipEventTypes.TIP_SENT, TipEventTypes.TIP_REVERTED, TipEventTypes.TIP_SENT);
        assertThat(balances.readValuesToList()).extracting(BalanceEvent::getNewBalance)
                .containsExactly(eth("0.3").toString(), "0", eth("0.3").toString());
        long live = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM tips WHERE reverted_at IS NULL").mapTo(Long.class).one());
        assertThat(live).isEqualTo(1);
    }

    @Test
    void shouldEmitTheBalanceAfterTipsAndWithdrawals() {
        Creator creator = creators.register(TestDatabases.aWallet());

        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.25"), aTxHash(), 0));
        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.5"), aTxHash(), 0));
        send(aWithdraw(creator.walletAddress(), eth("0.75"), aTxHash()));

        assertThat(balances.readValuesToList()).extracting(BalanceEvent::getNewBalance)
                .containsExactly(eth("0.25").toString(), eth("0.75").toString(), "0");
    }

    @Test
    void shouldMarkATipLiveWhileTheCreatorHasAnOpenSession() {
        Creator creator = creators.register(TestDatabases.aWallet());
        creators.goLive(creator.creatorId());

        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.1"), aTxHash(), 0));
        creators.endLive(creator.creatorId());
        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.1"), aTxHash(), 0));

        assertThat(tips.readValuesToList()).extracting(TipEvent::getTipMode).containsExactly("live", "offline");
    }

    @Test
    void shouldStoreAndPublishATestTipMarkedTestAndARealTipUnmarked() {
        Creator creator = creators.register(TestDatabases.aWallet());
        String realTx = aTxHash();
        String testTx = aTxHash();

        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.1"), realTx, 0));
        send(RawChainEvent.newBuilder(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.2"), testTx, 0))
                .setOrigin("TEST").build());

        assertThat(tips.readValuesToList()).extracting(TipEvent::getTxHash, TipEvent::getOrigin)
                .containsExactly(tuple(realTx, "CHAIN"), tuple(testTx, "TEST"));
        assertThat(originOf(realTx)).isEqualTo("CHAIN");
        assertThat(originOf(testTx)).isEqualTo("TEST");
    }

    @Test
    void shouldLeaveBalancesUnchangedByTestTipsAndTestWithdrawals() {
        Creator creator = creators.register(TestDatabases.aWallet());

        send(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("0.5"), aTxHash(), 0));
        RawChainEvent testTip = RawChainEvent.newBuilder(
                aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("3"), aTxHash(), 0)).setOrigin("TEST").build();
        send(testTip);
        send(RawChainEvent.newBuilder(aWithdraw(creator.walletAddress(), eth("0.4"), aTxHash())).setOrigin("TEST").build());
        send(removed(testTip));

        assertThat(balances.readValuesToList()).extracting(BalanceEvent::getNewBalance, BalanceEvent::getOrigin)
                .containsExactly(tuple(eth("0.5").toString(), "CHAIN"), tuple(eth("0.5").toString(), "TEST"),
                        tuple(eth("0.5").toString(), "TEST"), tuple(eth("0.5").toString(), "TEST"));
        assertThat(new TipLedger(database.jdbi()).balanceOf(creator.walletAddress())).isEqualTo(eth("0.5"));
    }

    @Test
    void shouldDeadLetterARecordOfAnUnknownOrigin() {
        Creator creator = creators.register(TestDatabases.aWallet());

        send(RawChainEvent.newBuilder(aTip(TestDatabases.aWallet(), creator.walletAddress(), eth("1"), aTxHash(), 0))
                .setOrigin("MAINNET").build());

        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("UNREADABLE_RECORD");
        assertThat(tipRows()).isZero();
    }

    private String originOf(String txHash) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT origin FROM tips WHERE tx_hash = :tx")
                .bind("tx", txHash).mapTo(String.class).one());
    }
}
