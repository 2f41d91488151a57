package io.chainpulse.gateway.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Answers whether the Kafka cluster is reachable, asking at most once per second. Thread-safe. */
public final class KafkaProbe implements AutoCloseable {
    private static final Duration CACHE = Duration.ofSeconds(1);

    private final Admin admin;
    private long checkedAtNanos;
    private boolean lastAnswer;

    public KafkaProbe(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "push-gateway-health",
                // health must answer fast: a broker that does not answer within 2 s counts as down
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
    }

    synchronized boolean isReachable() {
        long now = System.nanoTime();
        if (checkedAtNanos != 0 && now - checkedAtNanos < CACHE.toNanos()) {
            return lastAnswer;
        }
        try {
            lastAnswer = !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastAnswer = false;
        } catch (Exception e) {
            lastAnswer = false;
        }
        checkedAtNanos = System.nanoTime();
        return lastAnswer;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
