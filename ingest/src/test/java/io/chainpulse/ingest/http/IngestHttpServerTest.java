package io.chainpulse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainpulse.ingest.evm.IngestMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestHttpServerTest {

    @Test
    void shouldAnswerUnhealthyWhileNoEndpointIsConnectedAndServeMetrics() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry);
        try (IngestHttpServer server = IngestHttpServer.start(0, registry::scrape, metrics)) {
            HttpClient client = HttpClient.newHttpClient();

            var health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            var scrape = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("\"endpoint\":null");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("chainpulse_ingest_chain_head");
        }
    }

    @Test
    void shouldNameTheVariableOfAWrongPort() {
        assertThat(IngestHttpServer.portFromEnv(Map.of())).isEqualTo(3002);
        assertThatThrownBy(() -> IngestHttpServer.portFromEnv(Map.of("INGEST_HTTP_PORT", "70000")))
                .hasMessage("INGEST_HTTP_PORT must be between 0 and 65535, was 70000");
    }
}
