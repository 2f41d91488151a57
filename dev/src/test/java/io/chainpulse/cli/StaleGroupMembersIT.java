package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.localstack.JavaProcess;
import io.chainpulse.localstack.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A member killed by SIGKILL holds its partitions for its whole session; removing it hands them over at once. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StaleGroupMembersIT {

    @Test
    void shouldHandTheDeadMembersPartitionsToANewMemberWithinSecondsNotAfterItsSession() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.startSingle(); var admin = kafka.admin()) {
            // given a member with a 45 s session that dies by SIGKILL while holding the topic's partition
            String topic = "stale-" + UUID.randomUUID();
            String group = "stale-group-" + UUID.randomUUID();
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Path log = Files.createTempFile("group-member", ".log");
            JavaProcess member = JavaProcess.start(GroupMemberMain.class.getName(), Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "GROUP", group, "TOPIC", topic), log);
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("assigned"));
            member.kill();

            // when the dev stack clears the group before its consumers start
            StaleGroupMembers.remove(kafka.bootstrapServers(), group);

            // then a new member gets the partition well before the dead one's 45 s session would have expired
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, group), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long start = System.nanoTime();
                while (consumer.assignment().isEmpty() && System.nanoTime() - start < Duration.ofSeconds(40).toNanos()) {
                    consumer.poll(Duration.ofMillis(200));
                }
                assertThat(consumer.assignment()).hasSize(1);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            }
        }
    }
}
