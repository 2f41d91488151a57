package io.chainpulse.ingest.source;

import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.settings.EnvReader;

/**
 * Where every ingest source publishes: KAFKA_BOOTSTRAP_SERVERS (default {@code 127.0.0.1:9092}), TOPIC_PREFIX
 * (default {@code chainpulse}) and the topic layout it creates missing topics with.
 */
public record KafkaTarget(String bootstrapServers, String topicPrefix, TopicLayout layout) {
    public KafkaTarget {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must name at least one host:port");
        }
        if (topicPrefix == null || !topicPrefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("TOPIC_PREFIX must be letters, digits, '.', '_' or '-', was " + topicPrefix);
        }
    }

    public static KafkaTarget fromEnv(EnvReader env) {
        return new KafkaTarget(env.text("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), env.text("TOPIC_PREFIX", "chainpulse"),
                TopicLayout.fromEnv(env));
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }
}
