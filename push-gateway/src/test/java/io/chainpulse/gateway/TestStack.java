package io.chainpulse.gateway;

import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.stream.StreamEvent;
import io.chainpulse.schemas.tip.TipEvent;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.OverlayTokens;
import io.chainpulse.store.TestDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A real broker with fresh topics, a fresh PostgreSQL schema and a producer of tip events, for one IT class. */
final class TestStack implements AutoCloseable {
    final KafkaCluster kafka;
    final Topics topics;
    final Database database;
    final CreatorRegistry creators;
    final OverlayTokens tokens;
    private final KafkaProducer<String, TipEvent> producer;
    private final KafkaProducer<String, StreamEvent> streamProducer;

    private TestStack(KafkaCluster kafka, Topics topics, Database database) {
        this.kafka = kafka;
        this.topics = topics;
        this.database = database;
        this.creators = new CreatorRegistry(database.jdbi());
        this.tokens = new OverlayTokens(database.jdbi());
        this.producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG, 0),
                topics.tips().keySerde().serializer(), topics.tips().valueSerde().serializer());
        this.streamProducer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG, 0),
                topics.streams().keySerde().serializer(), topics.streams().valueSerde().serializer());
    }

    static TestStack start() {
        KafkaCluster kafka = KafkaCluster.startSingle();
        Topics topics = Topics.withPrefix("gw" + UUID.randomUUID().toString().substring(0, 8));
        try (var admin = kafka.admin()) {
            TopicLayout.singleBroker().ensureTopics(admin, topics);
        }
        return new TestStack(kafka, topics, TestDatabases.freshSchema());
    }

    Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEWAY_PORT", "0");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TOPIC_PREFIX", "unused");
        env.putAll(overrides);
        return env;
    }

    GatewayApp startGateway(Map<String, String> overrides) {
        return GatewayApp.create(GatewayConfig.fromEnv(env(overrides)), topics, database).start();
    }

    /** A registered creator and a fresh overlay token of it. */
    record CreatorWithToken(Creator creator, String token) {
        String id() {
            return creator.creatorId().toString();
        }
    }

    CreatorWithToken aCreator() {
        Creator creator = creators.register(TestDatabases.aWallet());
        return new CreatorWithToken(creator, tokens.issue(creator.creatorId()));
    }

    RecordMetadata send(TipEvent tip) {
        try {
            return producer.send(new ProducerRecord<>(topics.tips().name(), tip.getCreatorId(), tip))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce a tip", e);
        }
    }

    /** Writes a stream event keyed by its address, as the processor does. */
    RecordMetadata sendStream(StreamEvent event) {
        try {
            return streamProducer.send(new ProducerRecord<>(topics.streams().name(), event.getAddress(), event))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce a stream event", e);
        }
    }

    /** Sends many tips at once and waits until all are written. */
    void sendAll(List<TipEvent> tips) {
        var futures = tips.stream()
                .map(tip -> producer.send(new ProducerRecord<>(topics.tips().name(), tip.getCreatorId(), tip)))
                .toList();
        producer.flush();
        for (var future : futures) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot produce a tip", e);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        streamProducer.close();
        database.close();
        kafka.close();
    }
}
