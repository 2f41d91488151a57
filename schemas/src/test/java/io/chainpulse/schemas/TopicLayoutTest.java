package io.chainpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

    @Test
    void shouldDefaultToOneBrokerWithSixPartitions() {
        assertThat(TopicLayout.fromEnv(Map.of())).isEqualTo(TopicLayout.singleBroker());
    }

    @Test
    void shouldReadAClusterLayoutFromTheEnvironment() {
        TopicLayout layout = TopicLayout.fromEnv(Map.of(
                "KAFKA_PARTITIONS", "12", "KAFKA_REPLICATION_FACTOR", "3", "KAFKA_MIN_INSYNC_REPLICAS", "2"));

        assertThat(layout).isEqualTo(new TopicLayout(12, (short) 3, 2));
        assertThat(layout.newTopics(Topics.withPrefix("t"))).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
        });
    }

    @Test
    void shouldNameTheVariableOfAWrongSetting() {
        assertThatThrownBy(() -> TopicLayout.fromEnv(Map.of("KAFKA_PARTITIONS", "six")))
                .hasMessage("KAFKA_PARTITIONS must be a whole number, was six");
        assertThatThrownBy(() -> TopicLayout.fromEnv(Map.of("KAFKA_REPLICATION_FACTOR", "0")))
                .hasMessageStartingWith("KAFKA_REPLICATION_FACTOR must be >= 1");
        assertThatThrownBy(() -> TopicLayout.fromEnv(Map.of("KAFKA_REPLICATION_FACTOR", "3", "KAFKA_MIN_INSYNC_REPLICAS", "4")))
                .hasMessageStartingWith("KAFKA_MIN_INSYNC_REPLICAS must be between 1 and the replication factor 3");
    }
}
