package io.chainpulse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.ingest.checkpoint.CheckpointReader;
import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.DroppioClient;
import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.JavaProcess;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.schemas.Topics;
import java.math.BigDecimal;
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

/** IngestMain as an operator runs it: health and metrics on INGEST_HTTP_PORT, and a clean stop on SIGTERM. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class IngestShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldReportHealthThenCommitItsCheckpointAndExitOnSigterm() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.startSingle(); AnvilChain chain = AnvilChain.start();
                DroppioClient client = new DroppioClient(chain.httpUrl(), AnvilChain.DEV_PRIVATE_KEY, AnvilChain.CHAIN_ID)) {
            String contract = client.deploy("Droppio");
            for (int i = 0; i < 10; i++) {
                client.tip(contract, "0x00000000000000000000000000000000000000c1", new BigDecimal("0.001"));
            }
            String prefix = "shutdown" + UUID.randomUUID().toString().substring(0, 8);
            int httpPort = FreePorts.next();
            Map<String, String> env = Map.of(
                    "BASE_RPC_URL", chain.wsUrl() + "," + chain.httpUrl(),
                    "DROPPIO_CONTRACT_ADDRESS", contract,
                    "EVM_START_BLOCK", "0",
                    "EVM_MAX_BLOCK_RANGE", "2",
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "TOPIC_PREFIX", prefix,
                    "INGEST_SOURCE_ID", "src-" + prefix,
                    "INGEST_HTTP_PORT", String.valueOf(httpPort));
            var log = Files.createTempFile("ingest-shutdown", ".log");

            try (JavaProcess ingest = JavaProcess.start("io.chainpulse.ingest.IngestMain", env, log)) {
                long head = client.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> health(httpPort).path("lastPublishedBlock").asLong() == head);
                JsonNode health = health(httpPort);
                String metrics = get(httpPort, "/metrics").body();

                boolean exited = ingest.terminate(40);

                assertThat(health.get("status").asText()).isEqualTo("UP");
                assertThat(health.get("endpoint").asText()).startsWith("ws://127.0.0.1:");
                assertThat(health.get("blocksBehind").asLong()).isZero();
                assertThat(metrics).contains("chainpulse_ingest_last_published_block " + head + ".0");
                assertThat(exited).as("ingest exits within 40 s of SIGTERM").isTrue();
                assertThat(Files.readString(log)).contains("EVM ingest stopped at block " + head);
                assertThat(CheckpointReader.latest(kafka.bootstrapServers(), Topics.withPrefix(prefix), "src-" + prefix))
                        .hasValueSatisfying(checkpoint -> assertThat(checkpoint.getBlockNumber()).isEqualTo(head));
            }
        }
    }

    private static JsonNode health(int port) throws Exception {
        return JSON.readTree(get(port, "/health").body());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
