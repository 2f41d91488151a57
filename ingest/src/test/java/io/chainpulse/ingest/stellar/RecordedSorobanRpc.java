package io.chainpulse.ingest.stellar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Soroban RPC stand-in that answers with responses recorded from a real network (files under
 * {@code soroban-recorded/}, see its README): getNetwork with its recording, the first getEvents (the one that
 * asks from a start ledger) with the recorded page, and every later getEvents with a JSON-RPC internal error,
 * since nothing after the recorded page was recorded. Keeps each request for the test to inspect.
 */
final class RecordedSorobanRpc implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final JsonNode network;
    private final JsonNode page;
    private final List<JsonNode> getEventsRequests = new CopyOnWriteArrayList<>();

    private RecordedSorobanRpc(JsonNode network, JsonNode page) throws IOException {
        this.network = network;
        this.page = page;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the recorded getEvents page {@code pageFile} on the recorded testnet. */
    static RecordedSorobanRpc serving(String pageFile) {
        try {
            return new RecordedSorobanRpc(recording("getNetwork-testnet.json"), recording(pageFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode recording(String file) throws IOException {
        try (InputStream in = RecordedSorobanRpc.class.getResourceAsStream("/soroban-recorded/" + file)) {
            if (in == null) {
                throw new IOException("no recording " + file);
            }
            return JSON.readTree(in);
        }
    }

    /** The events of a recorded getEvents page, placed where their ids say, for {@link FakeSorobanRpc} to serve. */
    static List<FakeSorobanRpc.Event> recordedEvents(String pageFile) {
        try {
            List<FakeSorobanRpc.Event> events = new ArrayList<>();
            for (JsonNode event : recording(pageFile).at("/result/events")) {
                EventId id = EventId.parse(event.path("id").asText());
                List<String> topics = new ArrayList<>();
                event.path("topic").forEach(topic -> topics.add(topic.asText()));
                events.add(new FakeSorobanRpc.Event(id.ledger(), (int) (id.toid() >>> 12 & 0xFFFFF),
                        (int) (id.toid() & 0xFFF), Math.toIntExact(id.index()), event.path("contractId").asText(),
                        event.path("txHash").asText(), topics, event.path("value").asText()));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The params of every getEvents request, in order. */
    List<JsonNode> getEventsRequests() {
        return List.copyOf(getEventsRequests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            ObjectNode reply = switch (request.path("method").asText()) {
                case "getNetwork" -> network.deepCopy();
                case "getEvents" -> getEvents(request.path("params"));
                default -> error(-32601, "method not found");
            };
            reply.set("id", request.get("id"));
            byte[] body = JSON.writeValueAsBytes(reply);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private ObjectNode getEvents(JsonNode params) {
        getEventsRequests.add(params);
        return params.has("startLedger") ? page.deepCopy() : error(-32603, "nothing recorded after this page");
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.putObject("error").put("code", code).put("message", message);
        return reply;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
