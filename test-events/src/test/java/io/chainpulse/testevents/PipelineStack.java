package io.chainpulse.testevents;

import io.chainpulse.gateway.GatewayApp;
import io.chainpulse.gateway.GatewayConfig;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.processor.ProcessorApp;
import io.chainpulse.processor.ProcessorConfig;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.OverlayTokens;
import io.chainpulse.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.stellar.sdk.KeyPair;

/**
 * The whole pipeline behind the test endpoints for one IT class: a real broker with fresh topics, a fresh PostgreSQL
 * schema, a real processor; gateways with the test endpoints are started on demand.
 */
final class PipelineStack implements AutoCloseable {
    static final String CHAIN_ID = "31337";
    static final String DROPPIO = "0x" + "d".repeat(40);
    /** The StellarStream contract of the stack (testnet's native asset contract id: any valid C… id does). */
    static final String STELLAR_CONTRACT = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";

    final KafkaCluster kafka;
    final Topics topics;
    final Database database;
    private final ProcessorApp processor;

    private PipelineStack(KafkaCluster kafka, Topics topics, Database database, ProcessorApp processor) {
        this.kafka = kafka;
        this.topics = topics;
        this.database = database;
        this.processor = processor;
    }

    static PipelineStack start() {
        KafkaCluster kafka = KafkaCluster.startSingle();
        Topics topics = Topics.withPrefix("te" + UUID.randomUUID().toString().substring(0, 8));
        try (var admin = kafka.admin()) {
            TopicLayout.singleBroker().ensureTopics(admin, topics);
        }
        Database database = TestDatabases.freshSchema();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PROCESSOR_APPLICATION_ID", "te-it-" + topics.raw().name());
        try {
            env.put("PROCESSOR_STATE_DIR", Files.createTempDirectory("processor-state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("EVM_CHAIN_ID", CHAIN_ID);
        env.put("DROPPIO_CONTRACT_ADDRESS", DROPPIO);
        env.put("STELLARSTREAM_CONTRACT_IDS", STELLAR_CONTRACT);
        ProcessorApp processor = ProcessorApp.create(ProcessorConfig.fromEnv(env), topics, TopicLayout.singleBroker(),
                database).start();
        return new PipelineStack(kafka, topics, database, processor);
    }

    /** The environment of a gateway with the test endpoints on, plus {@code overrides}. */
    Map<String, String> gatewayEnv(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEWAY_PORT", "0");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TOPIC_PREFIX", "unused");
        env.put("TEST_ENDPOINTS_ENABLED", "true");
        env.put("EVM_CHAIN_ID", CHAIN_ID);
        env.put("DROPPIO_CONTRACT_ADDRESS", DROPPIO);
        env.put("STELLARSTREAM_CONTRACT_IDS", STELLAR_CONTRACT);
        env.putAll(overrides);
        return env;
    }

    /** A gateway wired as the cli's gateway command wires it. */
    GatewayApp startGateway(Map<String, String> overrides) {
        Map<String, String> env = gatewayEnv(overrides);
        return GatewayApp.create(GatewayConfig.fromEnv(env), topics, database,
                TestEventRoutes.fromEnv(env, topics, database)).start();
    }

    /** A registered creator and a fresh overlay token of it. */
    record CreatorWithToken(Creator creator, String token) {
        String id() {
            return creator.creatorId().toString();
        }
    }

    CreatorWithToken aCreator() {
        Creator creator = new CreatorRegistry(database.jdbi()).register(TestDatabases.aWallet());
        return new CreatorWithToken(creator, new OverlayTokens(database.jdbi()).issue(creator.creatorId()));
    }

    static String anAccount() {
        return KeyPair.random().getAccountId();
    }

    @Override
    public void close() {
        processor.close();
        database.close();
        kafka.close();
    }
}
