package io.chainpulse.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A consumer group member in its own JVM, for {@link StaleGroupMembersIT} to kill: settings from KAFKA_BOOTSTRAP_SERVERS, GROUP and TOPIC. */
public final class GroupMemberMain {
    private GroupMemberMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BOOTSTRAP_SERVERS"),
                ConsumerConfig.GROUP_ID_CONFIG, env.get("GROUP"),
                // long enough that a test waiting for it to expire would time out
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(env.get("TOPIC")));
            boolean announced = false;
            while (true) {
                consumer.poll(Duration.ofMillis(200));
                if (!announced && !consumer.assignment().isEmpty()) {
                    System.out.println("assigned " + consumer.assignment());
                    System.out.flush();
                    announced = true;
                }
            }
        }
    }
}
