package io.chainpulse.ingest.stellar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.ingest.rpc.RpcUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC 2.0 client of Soroban RPC over HTTP for the three calls ingest makes: getEvents, getHealth and
 * getNetwork. Talks to one endpoint at a time; {@link #failover()} moves to the next. Not thread-safe: the
 * follower thread owns it.
 */
final class SorobanRpc {
    /** getEvents accepts at most this many contract ids per filter. */
    private static final int CONTRACTS_PER_FILTER = 5;

    private final List<String> urls;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final AtomicLong requestIds = new AtomicLong();
    private int current;

    SorobanRpc(List<String> urls) {
        this.urls = List.copyOf(urls);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Where the next page starts: a ledger (first start, after a retention gap) or after a cursor. */
    sealed interface Position {
        long ledger();

        record FromLedger(long ledger) implements Position {}

        record AfterCursor(String cursor) implements Position {
            @Override
            public long ledger() {
                return EventId.parse(cursor).ledger();
            }
        }
    }

    /** The ledgers an endpoint holds. */
    record LedgerRange(long oldestLedger, long latestLedger) {}

    EventsPage getEvents(List<String> contractIds, Position position, int limit) throws IOException {
        ObjectNode params = json.createObjectNode();
        ObjectNode pagination = params.putObject("pagination").put("limit", limit);
        switch (position) {
            case Position.FromLedger from -> params.put("startLedger", from.ledger());
            case Position.AfterCursor after -> pagination.put("cursor", after.cursor());
        }
        ArrayNode filters = params.putArray("filters");
        for (int i = 0; i < contractIds.size(); i += CONTRACTS_PER_FILTER) {
            ObjectNode filter = filters.addObject().put("type", "contract");
            ArrayNode ids = filter.putArray("contractIds");
            contractIds.subList(i, Math.min(contractIds.size(), i + CONTRACTS_PER_FILTER)).forEach(ids::add);
        }
        JsonNode result = call("getEvents", params);
        EventsPage page = json.treeToValue(result, EventsPage.class);
        if (page.cursor() == null || page.cursor().isBlank()) {
            throw new IOException("getEvents at " + currentUrl() + " returned no cursor");
        }
        return page;
    }

    LedgerRange health() throws IOException {
        JsonNode result = call("getHealth", null);
        return new LedgerRange(result.path("oldestLedger").asLong(), result.path("latestLedger").asLong());
    }

    String networkPassphrase() throws IOException {
        String passphrase = call("getNetwork", null).path("passphrase").asText("");
        if (passphrase.isEmpty()) {
            throw new IOException("getNetwork at " + currentUrl() + " returned no passphrase");
        }
        return passphrase;
    }

    private JsonNode call(String method, ObjectNode params) throws IOException {
        ObjectNode body = json.createObjectNode().put("jsonrpc", "2.0").put("id", requestIds.incrementAndGet())
                .put("method", method);
        if (params != null) {
            body.set("params", params);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(current)))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method, e);
        } catch (IOException e) {
            throw new IOException(method + " at " + currentUrl() + " failed: " + explain(e), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(method + " at " + currentUrl() + " answered HTTP " + response.statusCode());
        }
        JsonNode reply = json.readTree(response.body());
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            throw new SorobanRpcError(method, currentUrl(), error.path("code").asInt(), error.path("message").asText(""));
        }
        JsonNode result = reply.get("result");
        if (result == null || result.isNull()) {
            throw new IOException(method + " at " + currentUrl() + " returned neither result nor error");
        }
        return result;
    }

    void failover() {
        current = (current + 1) % urls.size();
    }

    /** A failure as text, with any endpoint URL it quotes redacted. */
    String explain(Throwable failure) {
        return RpcUrls.hideIn(failure.toString(), urls);
    }

    String currentUrl() {
        return RpcUrls.redact(urls.get(current));
    }

    /** A JSON-RPC error object: the endpoint answered but refused the request. */
    static final class SorobanRpcError extends IOException {
        /** JSON-RPC "Invalid Request": Soroban RPC uses it for a start ledger or cursor outside its ledger range. */
        static final int INVALID_REQUEST = -32600;
        private final int code;

        SorobanRpcError(String method, String url, int code, String message) {
            super(method + " at " + url + " failed with " + code + ": " + message);
            this.code = code;
        }

        boolean isInvalidRequest() {
            return code == INVALID_REQUEST;
        }
    }
}
