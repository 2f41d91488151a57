package io.chainpulse.ingest.stellar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Soroban RPC answering getEvents, getHealth and getNetwork over JSON-RPC 2.0 the way stellar-rpc does:
 * a ledger range it retains, pages of at most {@code limit} events, a cursor that is the last event id of a full
 * page or the end of the scanned window otherwise, and error -32600 for a position outside the ledger range.
 */
final class FakeSorobanRpc implements AutoCloseable {
    static final String PASSPHRASE = "Test SDF Network ; September 2015";
    static final long GENESIS_CLOSE_SECONDS = 1_763_769_600L;
    private static final long MAX_TX = (1L << 20) - 1;
    private static final long MAX_OP = (1L << 12) - 1;
    private static final long MAX_EVENT_INDEX = 0xFFFF_FFFFL;
    private static final long LEDGER_SCAN_LIMIT = 10_000;

    /** One contract event at (ledger, transaction, operation, index) with base64 XDR topics and value. */
    record Event(long ledger, int tx, int op, int index, String contractId, String txHash, List<String> topics,
            String value) {
        long toid() {
            return ledger << 32 | (long) tx << 12 | op;
        }

        String id() {
            return cursor(toid(), index);
        }
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger getEventsCalls = new AtomicInteger();
    private long oldestLedger;
    private long latestLedger;
    private volatile boolean down;

    private FakeSorobanRpc(long oldestLedger, long latestLedger) throws IOException {
        this.oldestLedger = oldestLedger;
        this.latestLedger = latestLedger;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeSorobanRpc start(long oldestLedger, long latestLedger) {
        try {
            return new FakeSorobanRpc(oldestLedger, latestLedger);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/soroban/rpc";
    }

    /** Closes a ledger holding the given events (in their order); the ledger becomes the latest. */
    synchronized void closeLedger(long ledger, List<Event> ledgerEvents) {
        if (ledger <= latestLedger) {
            throw new IllegalArgumentException("ledger " + ledger + " is not after the latest " + latestLedger);
        }
        events.addAll(ledgerEvents);
        latestLedger = ledger;
    }

    /** Forgets every ledger before {@code newOldest}, as retention does. */
    synchronized void retainFrom(long newOldest) {
        oldestLedger = newOldest;
        events.removeIf(event -> event.ledger() < newOldest);
        latestLedger = Math.max(latestLedger, newOldest);
    }

    synchronized long latestLedger() {
        return latestLedger;
    }

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    int getEventsCalls() {
        return getEventsCalls.get();
    }

    static Instant closeTime(long ledger) {
        return Instant.ofEpochSecond(GENESIS_CLOSE_SECONDS + ledger * 5);
    }

    static String cursor(long toid, long index) {
        return String.format("%019d-%010d", toid, index);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            JsonNode request = json.readTree(exchange.getRequestBody());
            ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
            reply.set("id", request.get("id"));
            synchronized (this) {
                switch (request.path("method").asText()) {
                    case "getEvents" -> getEvents(request.path("params"), reply);
                    case "getHealth" -> reply.putObject("result").put("status", "healthy")
                            .put("latestLedger", latestLedger).put("oldestLedger", oldestLedger)
                            .put("ledgerRetentionWindow", latestLedger - oldestLedger + 1);
                    case "getNetwork" -> reply.putObject("result").put("passphrase", PASSPHRASE).put("protocolVersion", 22);
                    default -> reply.putObject("error").put("code", -32601).put("message", "method not found");
                }
            }
            byte[] body = json.writeValueAsBytes(reply);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void getEvents(JsonNode params, ObjectNode reply) {
        getEventsCalls.incrementAndGet();
        long startLedger;
        long startToid;
        long startIndex;
        JsonNode cursorNode = params.path("pagination").path("cursor");
        if (cursorNode.isTextual()) {
            EventId after = EventId.parse(cursorNode.asText());
            startLedger = after.ledger();
            startToid = after.toid();
            // the next page starts right after the cursor; like stellar-rpc, the index wraps at 2^32
            startIndex = (after.index() + 1) & MAX_EVENT_INDEX;
        } else {
            startLedger = params.path("startLedger").asLong();
            startToid = startLedger << 32;
            startIndex = 0;
        }
        if (startLedger < oldestLedger || startLedger > latestLedger) {
            reply.putObject("error").put("code", -32600)
                    .put("message", "startLedger must be within the ledger range: " + oldestLedger + " - " + latestLedger);
            return;
        }
        int limit = params.path("pagination").path("limit").asInt(100);
        long endLedger = Math.min(latestLedger + 1, startLedger + LEDGER_SCAN_LIMIT);
        Set<String> contracts = new HashSet<>();
        params.path("filters").forEach(filter -> filter.path("contractIds").forEach(id -> contracts.add(id.asText())));
        ObjectNode result = reply.putObject("result");
        ArrayNode page = result.putArray("events");
        Event last = null;
        for (Event event : events) {
            boolean afterStart = event.toid() > startToid || (event.toid() == startToid && event.index() >= startIndex);
            if (!afterStart || event.ledger() >= endLedger || !contracts.contains(event.contractId())) {
                continue;
            }
            ObjectNode out = page.addObject().put("type", "contract").put("ledger", event.ledger())
                    .put("ledgerClosedAt", closeTime(event.ledger()).toString()).put("contractId", event.contractId())
                    .put("id", event.id()).put("operationIndex", event.op()).put("transactionIndex", event.tx())
                    .put("txHash", event.txHash()).put("inSuccessfulContractCall", true).put("value", event.value());
            event.topics().forEach(out.putArray("topic")::add);
            last = event;
            if (page.size() == limit) {
                break;
            }
        }
        String cursor = page.size() == limit ? last.id()
                : cursor((endLedger - 1) << 32 | MAX_TX << 12 | MAX_OP, MAX_EVENT_INDEX);
        result.put("cursor", cursor).put("latestLedger", latestLedger).put("oldestLedger", oldestLedger)
                .put("latestLedgerCloseTime", String.valueOf(closeTime(latestLedger).getEpochSecond()))
                .put("oldestLedgerCloseTime", String.valueOf(closeTime(oldestLedger).getEpochSecond()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
