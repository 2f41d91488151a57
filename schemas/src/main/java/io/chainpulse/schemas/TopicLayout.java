package io.chainpulse.schemas;

import io.chainpulse.schemas.settings.EnvReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions, replication and retention of each topic, chosen for the topic's job; creates missing topics.
 *
 * <p>Raw events and tips keep 7 days so a processor or a reconnecting client can replay; checkpoints are
 * compacted state; dead letters keep 30 days for inspection.
 */
public record TopicLayout(int partitions, short replicationFactor, int minInSyncReplicas) {
    private static final Logger log = LoggerFactory.getLogger(TopicLayout.class);
    private static final String SEVEN_DAYS_MS = String.valueOf(TimeUnit.DAYS.toMillis(7));
    private static final String THIRTY_DAYS_MS = String.valueOf(TimeUnit.DAYS.toMillis(30));

    public TopicLayout {
        if (partitions < 1) {
            throw new IllegalArgumentException("KAFKA_PARTITIONS must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("KAFKA_REPLICATION_FACTOR must be >= 1, was " + replicationFactor);
        }
        if (minInSyncReplicas < 1 || minInSyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("KAFKA_MIN_INSYNC_REPLICAS must be between 1 and the replication factor "
                    + replicationFactor + ", was " + minInSyncReplicas);
        }
    }

    public static TopicLayout singleBroker() {
        return new TopicLayout(6, (short) 1, 1);
    }

    /**
     * KAFKA_PARTITIONS (default 6), KAFKA_REPLICATION_FACTOR (default 1) and KAFKA_MIN_INSYNC_REPLICAS (default 1):
     * the defaults fit one broker; a cluster of three runs with 3 and 2.
     */
    public static TopicLayout fromEnv(Map<String, String> env) {
        return fromEnv(new EnvReader(env));
    }

    /** The same settings through the shared reader, for apps that read their whole environment once. */
    public static TopicLayout fromEnv(EnvReader env) {
        // the reader bounds the numbers; the constructor checks how they fit together and names the rule
        return new TopicLayout(
                env.intValue("KAFKA_PARTITIONS", 6, 0, Short.MAX_VALUE),
                (short) env.intValue("KAFKA_REPLICATION_FACTOR", 1, 0, Short.MAX_VALUE),
                env.intValue("KAFKA_MIN_INSYNC_REPLICAS", 1, 0, Short.MAX_VALUE));
    }

    public List<NewTopic> newTopics(Topics topics) {
        Map<String, String> common = Map.of("min.insync.replicas", String.valueOf(minInSyncReplicas));
        return List.of(
                topic(topics.raw().name(), partitions, common, Map.of("retention.ms", SEVEN_DAYS_MS)),
                topic(topics.tips().name(), partitions, common, Map.of("retention.ms", SEVEN_DAYS_MS)),
                topic(topics.balances().name(), partitions, common,
                        Map.of("cleanup.policy", "compact,delete", "retention.ms", SEVEN_DAYS_MS)),
                topic(topics.deadLetters().name(), 1, common, Map.of("retention.ms", THIRTY_DAYS_MS)),
                topic(topics.streams().name(), partitions, common, Map.of("retention.ms", SEVEN_DAYS_MS)),
                // one partition, compacted: the checkpoint is state, only the newest value per source matters
                topic(topics.checkpoints().name(), 1, common, Map.of("cleanup.policy", "compact")));
    }

    private NewTopic topic(String name, int count, Map<String, String> common, Map<String, String> specific) {
        var configs = new HashMap<>(common);
        configs.putAll(specific);
        return new NewTopic(name, count, replicationFactor).configs(configs);
    }

    /** Creates every missing topic; topics that exist are left as they are. */
    public void ensureTopics(Admin admin, Topics topics) {
        for (NewTopic topic : newTopics(topics)) {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                log.info("created topic {} ({} partitions, replication {})", topic.name(), topic.numPartitions(),
                        topic.replicationFactor());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not create topic " + topic.name() + " within 30 s", e);
            }
        }
        awaitMetadata(admin, newTopics(topics).stream().map(NewTopic::name).toList());
    }

    /** A created topic reaches every broker's metadata a moment later; callers may use it as soon as this returns. */
    private static void awaitMetadata(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " are not visible: " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not describe topics " + names + " within 10 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic metadata", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic metadata", e);
            }
        }
    }
}
