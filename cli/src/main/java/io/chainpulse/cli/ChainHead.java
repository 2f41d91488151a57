package io.chainpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/** Asks an EVM JSON-RPC endpoint for its head block number ({@code eth_blockNumber}); empty when it does not answer. */
final class ChainHead {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainHead() {}

    /** The first http(s) URL of a comma-separated BASE_RPC_URL (ingest may also list ws:// endpoints). */
    static Optional<String> httpUrl(String rpcUrls) {
        if (rpcUrls == null) {
            return Optional.empty();
        }
        return Arrays.stream(rpcUrls.split(",")).map(String::trim).filter(url -> url.matches("(?i)https?://.+")).findFirst();
    }

    static OptionalLong fetch(String httpUrl) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(httpUrl))
                    .timeout(Duration.ofSeconds(5))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(response.body()).path("result");
            if (response.statusCode() != 200 || !result.isTextual()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(result.asText().substring(2), 16));
        } catch (IOException | IllegalArgumentException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
