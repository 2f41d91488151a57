package io.chainpulse.cli;

import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Topic setup for deployments where the apps may not create topics themselves. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create and inspect ChainPulse topics.",
        subcommands = TopicsCommand.Create.class)
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create every missing ChainPulse topic with its partitions, replication and retention, "
                    + "then print what exists. Existing topics are left as they are.",
                    "Layout from KAFKA_PARTITIONS (default 6), KAFKA_REPLICATION_FACTOR (default 1) and "
                            + "KAFKA_MIN_INSYNC_REPLICAS (default 1)."})
    static final class Create implements Runnable {
        @Mixin
        KafkaOptions kafka;

        @Override
        public void run() {
            Topics topics = kafka.topics();
            TopicLayout layout = TopicLayout.fromEnv(System.getenv());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                layout.ensureTopics(admin, topics);
                Map<String, TopicDescription> described = admin.describeTopics(topics.all().stream().map(Topic::name).toList())
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                System.out.printf("%-40s %10s %11s%n", "TOPIC", "PARTITIONS", "REPLICATION");
                for (Topic<String, ?> topic : topics.all()) {
                    TopicDescription description = described.get(topic.name());
                    System.out.printf("%-40s %10d %11d%n", topic.name(), description.partitions().size(),
                            description.partitions().get(0).replicas().size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing topics", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot describe the topics: " + e.getMessage(), e);
            }
        }
    }
}
