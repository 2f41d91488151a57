package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Origins are the application's to allow; an allowed one is echoed without credentials, nothing else is echoed. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CrossOriginIT {
    private static final String APP = "https://app.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConformanceServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ConformanceServer.start(0, ConformanceServer.SETTINGS, new Admission() {
            @Override
            public boolean originAllowed(String origin, String host) {
                return origin == null || origin.equals(APP);
            }

            @Override
            public boolean connectionAllowed(String remoteAddress) {
                return true;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void shouldEchoAnAllowedOriginWithoutCredentials() throws Exception {
        HttpResponse<String> response = send("GET", APP, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void shouldRefuseAnotherOriginWith403AndNoCorsHeaders() throws Exception {
        HttpResponse<String> response = send("GET", "https://evil.example", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void shouldAllowOnlyContentTypeInAPreflightWhateverIsRequested() throws Exception {
        HttpResponse<String> response = send("OPTIONS", APP, "X-Anything, Authorization, Content-Type");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
    }

    @Test
    void shouldCloseAWebSocketFromAnotherOriginWith1008() {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HTTP.newWebSocketBuilder().header("Origin", "https://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }
                        }).join();

        assertThat(closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1008);
    }

    private static HttpResponse<String> send(String method, String origin, String requestedHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/socket.io/?EIO=4&transport=polling")).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin);
        if (requestedHeaders != null) {
            request.header("Access-Control-Request-Headers", requestedHeaders);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
