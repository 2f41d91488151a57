package io.chainpulse.processor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class ProcessorHttpServerTest {

    @Test
    void shouldBeHealthyOnlyWhileStreamsRunAndPostgresqlAnswers() throws Exception {
        AtomicBoolean database = new AtomicBoolean(true);
        try (ProcessorHttpServer server = ProcessorHttpServer.start(0, () -> "chainpulse_processor_records_in 1.0",
                () -> KafkaStreams.State.RUNNING, database::get)) {
            HttpClient client = HttpClient.newHttpClient();
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build();

            var up = client.send(request, HttpResponse.BodyHandlers.ofString());
            database.set(false);
            var down = client.send(request, HttpResponse.BodyHandlers.ofString());
            var metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"streamsState\":\"RUNNING\",\"postgresqlReachable\":true}");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"postgresqlReachable\":false");
            assertThat(metrics.body()).contains("chainpulse_processor_records_in");
        }
    }
}
