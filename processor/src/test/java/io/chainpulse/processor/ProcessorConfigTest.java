package io.chainpulse.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainpulse.schemas.TopicLayout;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor's one settings record: defaults, and every wrong value refused with its variable named. */
class ProcessorConfigTest {
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    private static Map<String, String> with(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("DROPPIO_CONTRACT_ADDRESS", CONTRACT));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void shouldReadKafkaTopicsDatabaseAndPortWithTheirDefaults() {
        ProcessorConfig config = ProcessorConfig.fromEnv(with());

        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.topicPrefix()).isEqualTo("chainpulse");
        assertThat(config.topicLayout()).isEqualTo(new TopicLayout(6, (short) 1, 1));
        assertThat(config.database().schema()).isEqualTo("public");
        assertThat(config.httpPort()).isEqualTo(3003);
        assertThat(config.streamThreads()).isEqualTo(2);
        assertThat(config.commitIntervalMs()).isEqualTo(500);
        assertThat(config.dedupeRetention()).isEqualTo(Duration.ofHours(168));
        assertThat(config.contracts()).containsExactly(CONTRACT);
    }

    @Test
    void shouldNameTheVariableOfEachWrongNumber() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("PROCESSOR_HTTP_PORT", "x")))
                .hasMessage("PROCESSOR_HTTP_PORT must be a whole number, was x");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("PROCESSOR_HTTP_PORT", "70000")))
                .hasMessage("PROCESSOR_HTTP_PORT must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("PROCESSOR_THREADS", "4294967298")))
                .hasMessage("PROCESSOR_THREADS must be between 1 and 64, was 4294967298");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("PROCESSOR_COMMIT_INTERVAL_MS", "0")))
                .hasMessage("PROCESSOR_COMMIT_INTERVAL_MS must be between 1 and 60000, was 0");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("DEDUPE_RETENTION_HOURS", "-1")))
                .hasMessage("DEDUPE_RETENTION_HOURS must be between 1 and 8760, was -1");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("KAFKA_PARTITIONS", "0")))
                .hasMessageStartingWith("KAFKA_PARTITIONS");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("DATABASE_POOL_SIZE", "0")))
                .hasMessageStartingWith("DATABASE_POOL_SIZE");
    }

    @Test
    void shouldRequireAContractAndRefuseMalformedOnes() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of()))
                .hasMessageStartingWith("DROPPIO_CONTRACT_ADDRESS is required");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("DROPPIO_CONTRACT_ADDRESS", "0x12")))
                .hasMessageStartingWith("DROPPIO_CONTRACT_ADDRESS entries");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(with("STELLARSTREAM_CONTRACT_IDS", "GABC")))
                .hasMessageStartingWith("STELLARSTREAM_CONTRACT_IDS entries");
    }
}
