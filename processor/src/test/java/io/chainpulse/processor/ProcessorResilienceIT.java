package io.chainpulse.processor;

import static io.chainpulse.processor.TestLogs.aTip;
import static io.chainpulse.processor.TestLogs.aTxHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.localstack.JavaProcess;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.localstack.TcpProxy;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.deadletter.DeadLetter;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.tip.TipEvent;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;
import io.chainpulse.store.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The processor on a real broker and PostgreSQL under crashes, database outages, copies and poison records. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ProcessorResilienceIT {
    private static KafkaCluster kafka;
    private DatabaseSettings settings;
    private Database database;
    private Topics topics;
    private Map<String, String> env;
    private List<Creator> creators;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaCluster.startSingle();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void freshStack() throws Exception {
        settings = TestDatabases.freshSchemaSettings();
        database = Database.connectAndMigrate(settings, "test");
        CreatorRegistry registry = new CreatorRegistry(database.jdbi());
        creators = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            creators.add(registry.register(TestDatabases.aWallet()));
        }
        String prefix = "proc" + UUID.randomUUID().toString().substring(0, 8);
        topics = Topics.withPrefix(prefix);
        try (var admin = kafka.admin()) {
            TopicLayout.singleBroker().ensureTopics(admin, topics);
        }
        env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "TOPIC_PREFIX", prefix,
                "PROCESSOR_APPLICATION_ID", "app-" + prefix,
                "PROCESSOR_STATE_DIR", Files.createTempDirectory("streams").toString(),
                "EVM_CHAIN_ID", TestLogs.CHAIN_ID,
                "DROPPIO_CONTRACT_ADDRESS", TestLogs.CONTRACT,
                "DATABASE_URL", settings.jdbcUrl(),
                "DATABASE_SCHEMA", settings.schema()));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    /** Tip i goes to creator i % 5 with amount i + 1 wei, so per-creator order is readable from the amounts. */
    private List<RawChainEvent> burst(int count) {
        List<RawChainEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(aTip(TestDatabases.aWallet(), creators.get(i % 5).walletAddress(), BigInteger.valueOf(i + 1),
                    aTxHash(), i % 3));
        }
        return events;
    }

    private void produce(List<RawChainEvent> events) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (RawChainEvent event : events) {
                String wallet = "0x" + event.getTopics().get(2).substring(26);
                producer.send(new ProducerRecord<>(topics.raw().name(), "evm:" + event.getChainId() + ":" + wallet,
                        topics.raw().valueSerde().serializer().serialize(topics.raw().name(), event)));
            }
        }
    }

    private void producePoison(int count) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topics.raw().name(), "poison-" + i, ("garbage " + i).getBytes()));
            }
        }
    }

    private long rows() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM tips").mapTo(Long.class).one());
    }

    private <V> List<V> readCommitted(String topic, Deserializer<V> values, int expected) {
        List<V> out = new CopyOnWriteArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.currentTimeMillis();
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline
                    && (out.size() < expected || System.currentTimeMillis() - quietSince < 2_000)) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
                records.forEach(record -> out.add(values.deserialize(topic, record.value())));
            }
        }
        return out;
    }

    private void assertEachTipOnceInOrderPerCreator(List<RawChainEvent> sent) {
        List<TipEvent> tips = readCommitted(topics.tips().name(), topics.tips().valueSerde().deserializer(), sent.size());
        assertThat(tips).hasSize(sent.size());
        assertThat(tips.stream().map(tip -> tip.getTxHash() + ":" + tip.getLogIndex()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(e -> e.getTxHash() + ":" + e.getLogIndex()).toList());
        for (Creator creator : creators) {
            List<Long> amounts = tips.stream().filter(tip -> tip.getCreatorId().equals(creator.creatorId().toString()))
                    .map(tip -> Long.parseLong(tip.getAmountWei())).toList();
            assertThat(amounts).as("order of %s's tips", creator.creatorId()).isSorted();
        }
    }

    @Test
    void shouldWriteAndPublishEveryRecordOnceWhenTheProcessorIsKilledMidBurst() throws Exception {
        List<RawChainEvent> sent = burst(1000);
        var log = Files.createTempFile("processor", ".log");
        JavaProcess processor = JavaProcess.start("io.chainpulse.processor.ProcessorMain", env, log);
        produce(sent);
        await().atMost(Duration.ofSeconds(90)).until(() -> rows() >= 100);

        processor.kill();
        try (JavaProcess restarted = JavaProcess.start("io.chainpulse.processor.ProcessorMain", env, log)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> rows() == sent.size());
            assertEachTipOnceInOrderPerCreator(sent);
        }
        assertThat(rows()).isEqualTo(sent.size());
    }

    @Test
    void shouldLoseAndRepeatNothingWhenPostgresIsUnreachableFor30Seconds() throws Exception {
        try (TcpProxy postgres = TcpProxy.to("127.0.0.1", 5432)) {
            Map<String, String> proxied = new HashMap<>(env);
            proxied.put("DATABASE_URL", settings.jdbcUrl().replace("127.0.0.1:5432", "127.0.0.1:" + postgres.port()));
            List<RawChainEvent> sent = burst(600);
            try (Database viaProxy = Database.connectAndMigrate(DatabaseSettings.fromEnv(proxied), "processor");
                    ProcessorApp processor = ProcessorApp.create(ProcessorConfig.fromEnv(proxied), topics,
                            TopicLayout.singleBroker(), viaProxy).start()) {
                produce(sent.subList(0, 300));
                await().atMost(Duration.ofSeconds(60)).until(() -> rows() >= 50);

                postgres.cut();
                produce(sent.subList(300, 600));
                Thread.sleep(30_000);
                long duringOutage = rows();
                postgres.restore();

                await().atMost(Duration.ofSeconds(120)).until(() -> rows() == sent.size());
                assertThat(duringOutage).isLessThan(sent.size());
                assertEachTipOnceInOrderPerCreator(sent);
            }
        }
    }

    @Test
    void shouldDeadLetterFiftyPoisonRecordsAndDeliverTheOther950InOrder() throws Exception {
        List<RawChainEvent> good = burst(950);
        try (ProcessorApp processor = ProcessorApp.create(ProcessorConfig.fromEnv(env), topics,
                TopicLayout.singleBroker(), database).start()) {
            produce(good.subList(0, 400));
            producePoison(25);
            List<RawChainEvent> wrongChain = good.subList(400, 425).stream()
                    .map(event -> RawChainEvent.newBuilder(event).setChainId("1").setTxHash(aTxHash()).build()).toList();
            produce(wrongChain);
            produce(good.subList(400, 950));

            await().atMost(Duration.ofSeconds(120)).until(() -> rows() == good.size());
            assertEachTipOnceInOrderPerCreator(good);
            List<DeadLetter> letters = readCommitted(topics.deadLetters().name(),
                    topics.deadLetters().valueSerde().deserializer(), 50);
            assertThat(letters).hasSize(50);
            assertThat(letters).filteredOn(letter -> letter.getReason().equals("UNREADABLE_RECORD")).hasSize(25);
            assertThat(letters).filteredOn(letter -> letter.getReason().equals("WRONG_CHAIN")).hasSize(25);
            assertThat(letters).allSatisfy(letter -> assertThat(letter.getSourceOffset()).isNotNegative());
        }
    }

    @Test
    void shouldWriteOneRowAndPublishOnceForALogDeliveredThreeTimesAndAgainAfterARestart() throws Exception {
        RawChainEvent tip = aTip(TestDatabases.aWallet(), creators.get(0).walletAddress(), BigInteger.TEN, aTxHash(), 0);
        try (ProcessorApp processor = ProcessorApp.create(ProcessorConfig.fromEnv(env), topics,
                TopicLayout.singleBroker(), database).start()) {
            produce(List.of(tip, tip, tip));
            await().atMost(Duration.ofSeconds(60)).until(() -> rows() == 1);
        }
        try (ProcessorApp restarted = ProcessorApp.create(ProcessorConfig.fromEnv(env), topics,
                TopicLayout.singleBroker(), database).start()) {
            produce(List.of(tip));
            List<TipEvent> tips = readCommitted(topics.tips().name(), topics.tips().valueSerde().deserializer(), 1);
            assertThat(tips).hasSize(1);
        }
        assertThat(rows()).isEqualTo(1);
    }
}
