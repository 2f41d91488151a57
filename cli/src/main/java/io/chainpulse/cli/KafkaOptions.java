package io.chainpulse.cli;

import io.chainpulse.localstack.RepoRoot;
import io.chainpulse.schemas.Topics;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the Kafka commands connect: {@code --bootstrap-servers}, else KAFKA_BOOTSTRAP_SERVERS, else the broker of the
 * running dev stack ({@code .chainpulse/dev.json}), else {@code 127.0.0.1:9092}.
 */
final class KafkaOptions {
    static final String FALLBACK_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka brokers (default: KAFKA_BOOTSTRAP_SERVERS, the running dev stack, or 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of the topic names (default: TOPIC_PREFIX or chainpulse).")
    String topicPrefix;

    String bootstrapServers() {
        return resolveBootstrapServers(bootstrapServers, System.getenv(), devState());
    }

    Topics topics() {
        return Topics.withPrefix(topicPrefix != null ? topicPrefix
                : System.getenv().getOrDefault("TOPIC_PREFIX", Topics.DEFAULT_PREFIX));
    }

    static String resolveBootstrapServers(String explicit, Map<String, String> env, Optional<DevState> dev) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String fromEnv = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return dev.map(DevState::kafkaBootstrapServers).filter(servers -> !servers.isBlank())
                .orElse(FALLBACK_BOOTSTRAP_SERVERS);
    }

    /** The running dev stack's state, when this runs inside the repository and one was started. */
    static Optional<DevState> devState() {
        try {
            return DevState.read(RepoRoot.find());
        } catch (IllegalStateException notInRepository) {
            return Optional.empty();
        }
    }
}
