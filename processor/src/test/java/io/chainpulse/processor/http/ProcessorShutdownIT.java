package io.chainpulse.processor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.JavaProcess;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.processor.TestLogs;
import io.chainpulse.store.DatabaseSettings;
import io.chainpulse.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ProcessorMain as an operator runs it: health and metrics on PROCESSOR_HTTP_PORT, and a clean close on SIGTERM. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProcessorShutdownIT {

    @Test
    void shouldReportHealthAndCloseItsStreamsCleanlyOnSigterm() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.startSingle()) {
            DatabaseSettings settings = TestDatabases.freshSchemaSettings();
            String prefix = "pshutdown" + UUID.randomUUID().toString().substring(0, 8);
            int httpPort = FreePorts.next();
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "TOPIC_PREFIX", prefix,
                    "PROCESSOR_APPLICATION_ID", "app-" + prefix,
                    "PROCESSOR_STATE_DIR", Files.createTempDirectory("streams").toString(),
                    "EVM_CHAIN_ID", TestLogs.CHAIN_ID,
                    "DROPPIO_CONTRACT_ADDRESS", TestLogs.CONTRACT,
                    "DATABASE_URL", settings.jdbcUrl(),
                    "DATABASE_SCHEMA", settings.schema(),
                    "PROCESSOR_HTTP_PORT", String.valueOf(httpPort));
            var log = Files.createTempFile("processor-shutdown", ".log");
            HttpClient http = HttpClient.newHttpClient();
            var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build();

            try (JavaProcess processor = JavaProcess.start("io.chainpulse.processor.ProcessorMain", env, log)) {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("RUNNING"));
                String body = http.send(health, HttpResponse.BodyHandlers.ofString()).body();
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();

                boolean exited = processor.terminate(45);

                assertThat(body).isEqualTo("{\"status\":\"UP\",\"streamsState\":\"RUNNING\",\"postgresqlReachable\":true}");
                assertThat(metrics).contains("chainpulse_processor_records_in");
                assertThat(exited).as("processor exits within 45 s of SIGTERM").isTrue();
                assertThat(Files.readString(log)).contains("PENDING_SHUTDOWN -> NOT_RUNNING");
            }
        }
    }
}
