package io.chainpulse.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP JSON-RPC front for anvil that refuses eth_getLogs ranges wider than a limit, as hosted providers do. */
final class RangeLimitingRpc implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final AtomicInteger refusals = new AtomicInteger();

    RangeLimitingRpc(String upstream, long maxRange) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(body);
            byte[] answer;
            if ("eth_getLogs".equals(request.path("method").asText()) && tooWide(request, maxRange)) {
                refusals.incrementAndGet();
                answer = JSON.writeValueAsBytes(JSON.createObjectNode().put("jsonrpc", "2.0")
                        .set("id", request.get("id")));
                answer = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"error\":{\"code\":-32005,"
                        + "\"message\":\"query exceeds max block range " + maxRange + "\"}}").getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    answer = client.send(HttpRequest.newBuilder(URI.create(upstream))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    private static boolean tooWide(JsonNode request, long maxRange) {
        JsonNode filter = request.path("params").path(0);
        long from = Long.decode(filter.path("fromBlock").asText("0x0"));
        long to = Long.decode(filter.path("toBlock").asText("0x0"));
        return to - from + 1 > maxRange;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
