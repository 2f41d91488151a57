package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {
    private static final DevState DEV = new DevState("http://127.0.0.1:8545", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            31337, "127.0.0.1:40000", "http://localhost:3001", null, null, null, null);

    @Test
    void shouldPreferTheOptionThenTheEnvironmentThenTheDevStack() {
        assertThat(KafkaOptions.resolveBootstrapServers("a:1", Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:2"), Optional.of(DEV)))
                .isEqualTo("a:1");
        assertThat(KafkaOptions.resolveBootstrapServers(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:2"), Optional.of(DEV)))
                .isEqualTo("b:2");
        assertThat(KafkaOptions.resolveBootstrapServers(null, Map.of(), Optional.of(DEV))).isEqualTo("127.0.0.1:40000");
        assertThat(KafkaOptions.resolveBootstrapServers(null, Map.of(), Optional.empty())).isEqualTo("127.0.0.1:9092");
    }
}
