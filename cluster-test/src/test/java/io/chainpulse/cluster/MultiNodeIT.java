package io.chainpulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.JavaProcess;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.produce.BurstProducer;
import io.chainpulse.produce.TestEventFactory;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;
import io.chainpulse.store.OverlayTokens;
import io.chainpulse.store.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChainPulse scaled out on loopback as separate processes: 3 brokers (RF 3, min ISR 2), 2 processors, 2 gateways,
 * overlay clients spread over both gateways. Mid-burst one broker, one processor and one gateway are SIGKILLed;
 * every tip is still persisted once and delivered once to every client of its creator.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class MultiNodeIT {
    private static final Logger log = LoggerFactory.getLogger(MultiNodeIT.class);
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String TIPPER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final int CREATORS = 4;
    private static final int BURST = 400;
    private static final double RATE = 50;

    @Test
    void shouldPersistAndDeliverEveryTipOnceWhenABrokerAProcessorAndAGatewayAreKilledMidBurst() throws Exception {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("chainpulse-cluster");
        List<JavaProcess> processes = new ArrayList<>();
        try (KafkaCluster kafka = KafkaCluster.start(3, dir.resolve("kafka"))) {
            // Given a 3-broker cluster, 2 processors and 2 gateways sharing one PostgreSQL schema
            DatabaseSettings settings = TestDatabases.freshSchemaSettings();
            Database database = Database.connectAndMigrate(settings, "cluster-test");
            String prefix = "cluster" + UUID.randomUUID().toString().substring(0, 8);
            Topics topics = Topics.withPrefix(prefix);
            try (var admin = kafka.admin()) {
                new TopicLayout(6, (short) 3, 2).ensureTopics(admin, topics);
            }
            Map<String, String> env = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "TOPIC_PREFIX", prefix,
                    "KAFKA_REPLICATION_FACTOR", "3",
                    "KAFKA_MIN_INSYNC_REPLICAS", "2",
                    "DATABASE_URL", settings.jdbcUrl(),
                    "DATABASE_SCHEMA", settings.schema(),
                    "EVM_CHAIN_ID", "31337",
                    "DROPPIO_CONTRACT_ADDRESS", CONTRACT,
                    "PROCESSOR_APPLICATION_ID", "app-" + prefix,
                    "PROCESSOR_HTTP_PORT", "0"));
            List<JavaProcess> processors = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Map<String, String> own = new HashMap<>(env);
                own.put("PROCESSOR_STATE_DIR", dir.resolve("streams-" + i).toString());
                processors.add(JavaProcess.start("io.chainpulse.processor.ProcessorMain", own, dir.resolve("processor-" + i + ".log")));
            }
            List<JavaProcess> gateways = new ArrayList<>();
            List<String> gatewayUrls = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int port = FreePorts.next();
                Map<String, String> own = new HashMap<>(env);
                own.put("GATEWAY_PORT", String.valueOf(port));
                gateways.add(JavaProcess.start("io.chainpulse.gateway.GatewayMain", own, dir.resolve("gateway-" + i + ".log")));
                gatewayUrls.add("ws://127.0.0.1:" + port);
            }
            processes.addAll(processors);
            processes.addAll(gateways);

            List<Creator> creators = new ArrayList<>();
            Map<String, List<FailoverClient>> clients = new HashMap<>();
            for (int i = 0; i < CREATORS; i++) {
                Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
                String token = new OverlayTokens(database.jdbi()).issue(creator.creatorId());
                creators.add(creator);
                List<FailoverClient> mine = new ArrayList<>();
                for (int gateway = 0; gateway < 2; gateway++) {
                    int first = gateway;
                    mine.add(await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> FailoverClient.connect(
                            gatewayUrls, first, creator.creatorId().toString(), token), client -> true));
                }
                clients.put(creator.walletAddress(), mine);
            }
            TestEventFactory factory = new TestEventFactory("31337", CONTRACT);
            Map<String, List<String>> expected = new ConcurrentHashMap<>();
            creators.forEach(creator -> expected.put(creator.walletAddress(), new CopyOnWriteArrayList<>()));
            try (BurstProducer producer = new BurstProducer(kafka.bootstrapServers(), topics)) {
                // every client has seen a tip before the kill, so the cut-off ones have an id to resume from
                producer.send(CREATORS, 0, new RoundRobin(factory, creators)::next, progress -> {}, Duration.ofSeconds(1),
                        event -> expected.get(wallet(event)).add(event.getTxHash()));
                await().atMost(Duration.ofSeconds(120)).until(() -> clients.values().stream().flatMap(List::stream)
                        .allMatch(client -> client.tips.size() == 1));
                log.info("cluster ready after {} s; bursting {} tips at {}/s", seconds(started), BURST, RATE);

                // When one broker, one processor and one gateway are SIGKILLed during a burst
                Thread killer = Thread.ofPlatform().start(() -> {
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
                    kafka.nodes().get(1).kill();
                    processors.get(0).kill();
                    gateways.get(0).kill();
                    log.info("killed broker 2, processor 1 and gateway 1");
                });
                long burstStart = System.nanoTime();
                var done = producer.send(BURST, RATE, new RoundRobin(factory, creators)::next,
                        progress -> log.info(progress.line()), Duration.ofSeconds(2),
                        event -> expected.get(wallet(event)).add(event.getTxHash()));
                killer.join();
                log.info("burst done in {} s: {}", seconds(burstStart), done.line());
            }

            // Then every tip is one row and reaches every client of its creator exactly once
            int total = CREATORS + BURST;
            long recoveryStart = System.nanoTime();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> clients.entrySet().stream()
                    .allMatch(e -> e.getValue().stream().allMatch(client -> client.tips.size() >= expected.get(e.getKey()).size())));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> clients.entrySet().stream()
                    .allMatch(e -> e.getValue().stream().allMatch(client -> client.tips.size() == expected.get(e.getKey()).size())));
            log.info("all clients complete {} s after the burst", seconds(recoveryStart));
            long rows = database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM tips").mapTo(Long.class).one());
            long distinct = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(DISTINCT (chain_id, tx_hash, log_index)) FROM tips").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(total);
            assertThat(distinct).isEqualTo(total);
            int cutOff = 0;
            for (var entry : clients.entrySet()) {
                for (FailoverClient client : entry.getValue()) {
                    assertThat(client.tips).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.get(entry.getKey()));
                    cutOff += client.reconnects.get() > 0 ? 1 : 0;
                }
            }
            assertThat(cutOff).as("clients of the killed gateway that reconnected to the other").isEqualTo(CREATORS);
            log.info("MultiNodeIT: {} tips, {} rows, {} clients ({} failed over), total {} s", total, rows,
                    CREATORS * 2, cutOff, seconds(started));
            database.close();
        } finally {
            processes.forEach(JavaProcess::close);
        }
    }

    private static String wallet(RawChainEvent event) {
        return "0x" + event.getTopics().get(2).substring(26);
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    /** Tips spread evenly over the creators, so every partition and every client sees traffic. */
    private static final class RoundRobin {
        private final TestEventFactory factory;
        private final List<Creator> creators;
        private int next;

        RoundRobin(TestEventFactory factory, List<Creator> creators) {
            this.factory = factory;
            this.creators = creators;
        }

        RawChainEvent next() {
            Creator creator = creators.get(next++ % creators.size());
            return factory.tip(TIPPER, creator.walletAddress(), BigInteger.valueOf(1_000_000_000L + next), factory.randomWord());
        }
    }
}
