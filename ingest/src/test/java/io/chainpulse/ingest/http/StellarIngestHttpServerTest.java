package io.chainpulse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.ingest.stellar.StellarIngestMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class StellarIngestHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer503UntilTheRpcAnsweredAndServeTheSorobanMetrics() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StellarIngestMetrics metrics = new StellarIngestMetrics(registry);

        try (StellarIngestHttpServer server = StellarIngestHttpServer.start(0, registry::scrape, metrics, () -> false)) {
            HttpResponse<String> health = get(server.port(), "/health");
            HttpResponse<String> scrape = get(server.port(), "/metrics");

            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("\"latestLedger\":-1");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("chainpulse_soroban_last_published_ledger");
        }
    }

    @Test
    void shouldSayWhenAnotherIngestTookOver() {
        StellarIngestMetrics metrics = new StellarIngestMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

        var health = StellarIngestHttpServer.health(metrics, () -> true);

        assertThat(health.json()).contains("\"fenced\":true");
    }
}
