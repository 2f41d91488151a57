package io.chainpulse.testevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.RouteModule;
import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Jdbi;

/**
 * StellarStream's test endpoints, plus one for Droppio tips: each writes a raw chain event into the raw topic, so it
 * travels the whole pipeline (processor, PostgreSQL, stream-events or creator-tips, gateway). Registered only when
 * TEST_ENDPOINTS_ENABLED=true; a missing or bad field answers 400 naming it.
 */
public final class TestEventRoutes implements RouteModule {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger U64_MAX = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
    private static final BigInteger I128_MAX = BigInteger.TWO.pow(127).subtract(BigInteger.ONE);

    private final Optional<StellarTestEvents> stellarEvents;
    private final Optional<DroppioTestTips> droppioTips;
    private final Optional<TestStreamBook> streamBook;
    private final TestEventWriter writer;

    private TestEventRoutes(Optional<StellarTestEvents> stellarEvents, Optional<DroppioTestTips> droppioTips,
            Optional<TestStreamBook> streamBook, TestEventWriter writer) {
        this.stellarEvents = stellarEvents;
        this.droppioTips = droppioTips;
        this.streamBook = streamBook;
        this.writer = writer;
    }

    /** The test endpoints for the gateway's server: none unless TEST_ENDPOINTS_ENABLED=true. */
    public static List<RouteModule> fromEnv(Map<String, String> env, Topics topics, Database database) {
        return TestEventSettings.fromEnv(env).<List<RouteModule>>map(settings -> List.of(create(settings,
                topics.raw(), database.jdbi(), Clock.systemUTC()))).orElse(List.of());
    }

    static TestEventRoutes create(TestEventSettings settings, Topic<String, RawChainEvent> rawTopic, Jdbi jdbi,
            Clock clock) {
        return new TestEventRoutes(
                settings.stellarContractId().map(id -> new StellarTestEvents(id, settings.stellarNetworkId(), clock)),
                settings.droppioContract().map(contract -> new DroppioTestTips(settings.evmChainId(), contract, clock)),
                settings.stellarContractId().map(id -> new TestStreamBook(id, jdbi)),
                new TestEventWriter(settings.kafkaBootstrapServers(), rawTopic));
    }

    /** Registers the endpoints under {@code /api/test/} and {@code /api/v1/test/}. */
    @Override
    public void register(RoutesConfig routes) {
        for (String prefix : new String[] {"/api/test/", "/api/v1/test/"}) {
            routes.post(prefix + "test-stream", handled(this::stream));
            routes.post(prefix + "test-withdrawal", handled(this::withdrawal));
            routes.post(prefix + "test-cancellation", handled(this::cancellation));
            routes.post(prefix + "test-tip", handled(this::tip));
        }
    }

    /** {@code {streamId, sender, receiver, amount}}: a V2 {@code create_v2}. */
    private void stream(Context ctx, JsonNode body) {
        StellarTestEvents stellar = stellar();
        TestStreamBook streams = streamBook.orElseThrow();
        BigInteger streamId = whole(body, "streamId", BigInteger.ZERO, U64_MAX);
        String sender = stellarAddress(body, "sender");
        String receiver = stellarAddress(body, "receiver");
        BigInteger amount = whole(body, "amount", BigInteger.ONE, I128_MAX);
        streams.created(streamId, sender, receiver);
        written(ctx, stellarKey(stellar.create(streamId, sender, receiver, amount)));
    }

    /** {@code {streamId, amount}}, or {@code {eventId}} to write an earlier test event again: a V2 {@code claim}. */
    private void withdrawal(Context ctx, JsonNode body) {
        StellarTestEvents stellar = stellar();
        TestStreamBook streams = streamBook.orElseThrow();
        if (body.hasNonNull("eventId")) {
            String eventId = body.get("eventId").asText();
            RawChainEvent again = writer.written(eventId)
                    .orElseThrow(() -> new BadField("eventId", "is not a test event this gateway wrote"));
            written(ctx, stellarKey(again));
            return;
        }
        BigInteger streamId = whole(body, "streamId", BigInteger.ZERO, U64_MAX);
        BigInteger amount = whole(body, "amount", BigInteger.ONE, I128_MAX);
        var stream = streams.find(streamId)
                .orElseThrow(() -> new BadField("streamId", "is not a known stream (create it with test-stream first)"));
        BigInteger total = streams.withdrawn(streamId, amount).orElseThrow();
        written(ctx, stellarKey(stellar.claim(streamId, stream.receiver(), amount, total)));
    }

    /** {@code {streamId, toReceiver, toSender}}: a V2 {@code cancel} by the sender. */
    private void cancellation(Context ctx, JsonNode body) {
        StellarTestEvents stellar = stellar();
        TestStreamBook streams = streamBook.orElseThrow();
        BigInteger streamId = whole(body, "streamId", BigInteger.ZERO, U64_MAX);
        BigInteger toReceiver = whole(body, "toReceiver", BigInteger.ZERO, I128_MAX);
        BigInteger toSender = whole(body, "toSender", BigInteger.ZERO, I128_MAX);
        var stream = streams.find(streamId)
                .orElseThrow(() -> new BadField("streamId", "is not a known stream (create it with test-stream first)"));
        written(ctx, stellarKey(stellar.cancel(streamId, stream.sender(), toReceiver, toSender)));
    }

    /** {@code {to, amountEth, from?}}: a Droppio {@code TipSent} to the creator wallet {@code to}. */
    private void tip(Context ctx, JsonNode body) {
        DroppioTestTips droppio = droppioTips.orElseThrow(() -> new NotConfigured(
                "no Droppio contract configured: set DROPPIO_CONTRACT_ADDRESS"));
        String to = evmAddress(body, "to");
        BigInteger wei = eth(body, "amountEth");
        String from = body.hasNonNull("from") ? evmAddress(body, "from") : droppio.randomAddress();
        RawChainEvent tip = droppio.tip(from, to, wei);
        written(ctx, new Keyed(DroppioTestTips.routingKey(tip), tip));
    }

    private StellarTestEvents stellar() {
        return stellarEvents.orElseThrow(() -> new NotConfigured(
                "no StellarStream contract configured: set STELLARSTREAM_CONTRACT_IDS or TEST_STELLAR_CONTRACT_ID"));
    }

    private record Keyed(String key, RawChainEvent event) {}

    private Keyed stellarKey(RawChainEvent event) {
        // as Soroban ingest keys it: chain, network and RPC event id
        return new Keyed("stellar:" + event.getChainId() + ":" + event.getEventId(), event);
    }

    private void written(Context ctx, Keyed keyed) {
        RecordMetadata position = writer.write(keyed.key(), keyed.event());
        ObjectNode answer = JSON.createObjectNode().put("success", true)
                .put("chain", keyed.event().getChain())
                .put("txHash", keyed.event().getTxHash())
                .put("topic", position.topic())
                .put("partition", position.partition())
                .put("offset", position.offset());
        Optional.ofNullable(keyed.event().getEventId()).ifPresent(id -> answer.put("eventId", id));
        ctx.status(200).contentType("application/json").result(answer.toString());
    }

    @FunctionalInterface
    private interface BodyHandler {
        void handle(Context ctx, JsonNode body);
    }

    private static Handler handled(BodyHandler handler) {
        return ctx -> {
            JsonNode body;
            try {
                body = JSON.readTree(ctx.body());
            } catch (Exception e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                error(ctx, 400, "body", "must be a JSON object");
                return;
            }
            try {
                handler.handle(ctx, body);
            } catch (BadField bad) {
                error(ctx, 400, bad.field, bad.getMessage());
            } catch (NotConfigured missing) {
                ctx.status(503).contentType("application/json").result(JSON.createObjectNode().put("success", false)
                        .put("error", missing.getMessage()).toString());
            }
        };
    }

    private static void error(Context ctx, int status, String field, String problem) {
        ctx.status(status).contentType("application/json").result(JSON.createObjectNode().put("success", false)
                .put("field", field).put("error", field + " " + problem).toString());
    }

    private static final class NotConfigured extends RuntimeException {
        NotConfigured(String message) {
            super(message, null, false, false);
        }
    }

    private static final class BadField extends RuntimeException {
        private final String field;

        BadField(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new BadField(field, "is missing");
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new BadField(field, "must be a string or a number");
        }
        return value.isTextual() ? value.asText().trim() : value.asText();
    }

    private static BigInteger whole(JsonNode body, String field, BigInteger min, BigInteger max) {
        JsonNode node = body.get(field);
        String text = node != null && node.isNumber() && node.canConvertToExactIntegral()
                ? node.bigIntegerValue().toString() : required(body, field);
        if (!text.matches("\\d{1,40}")) {
            throw new BadField(field, "must be a whole number, was " + text);
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new BadField(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static String stellarAddress(JsonNode body, String field) {
        String address = required(body, field);
        if (!StellarTestEvents.isAddress(address)) {
            throw new BadField(field, "must be a Stellar G… account or C… contract address, was " + address);
        }
        return address;
    }

    private static String evmAddress(JsonNode body, String field) {
        String address = required(body, field);
        if (!DroppioTestTips.isAddress(address)) {
            throw new BadField(field, "must be 0x + 40 hex digits, was " + address);
        }
        return address;
    }

    private static BigInteger eth(JsonNode body, String field) {
        String text = required(body, field);
        BigDecimal eth;
        try {
            eth = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadField(field, "must be a decimal amount of ETH, was " + text);
        }
        if (eth.signum() <= 0 || eth.scale() > 18 || eth.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new BadField(field, "must be more than 0 and at most 1000000 ETH with at most 18 decimals, was " + text);
        }
        return eth.movePointRight(18).toBigIntegerExact();
    }

    @Override
    public String describe() {
        return "test endpoints under /api/test/";
    }

    @Override
    public void close() {
        writer.close();
    }
}
