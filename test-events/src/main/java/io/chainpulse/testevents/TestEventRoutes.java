package io.chainpulse.testevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.RouteModule;
import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.store.Database;
import io.chainpulse.testevents.BodyFields.BadField;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Jdbi;

/**
 * StellarStream's test endpoints, with the bodies the original backend documents, plus one for Droppio tips: each
 * writes a raw chain event (origin TEST) into the raw topic, so it travels the whole pipeline (processor,
 * PostgreSQL, stream-events or creator-tips, gateway). Added only when TEST_ENDPOINTS_ENABLED=true; who may call them
 * is {@link RequestGuard}'s rule; a missing or bad field answers 400 naming it.
 */
public final class TestEventRoutes implements RouteModule {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<StellarTestEvents> stellarEvents;
    private final Optional<DroppioTestTips> droppioTips;
    private final Optional<TestStreamBook> streamBook;
    private final TestEventWriter writer;
    private final RequestGuard guard;

    private TestEventRoutes(Optional<StellarTestEvents> stellarEvents, Optional<DroppioTestTips> droppioTips,
            Optional<TestStreamBook> streamBook, TestEventWriter writer, RequestGuard guard) {
        this.stellarEvents = stellarEvents;
        this.droppioTips = droppioTips;
        this.streamBook = streamBook;
        this.writer = writer;
        this.guard = guard;
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
                new TestEventWriter(settings.kafkaBootstrapServers(), rawTopic),
                new RequestGuard(settings.token(), new RequestRateLimiter(settings.requestsPerMinute(), clock)));
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
    private void stream(Context ctx, BodyFields body) {
        StellarTestEvents stellar = stellar();
        String streamId = body.streamId("streamId");
        String sender = body.party("sender");
        String receiver = body.party("receiver");
        BigInteger amount = body.whole("amount", BigInteger.ONE, BodyFields.I128_MAX);
        streamBook.orElseThrow().created(streamId, sender, receiver);
        written(ctx, stellarKey(stellar.create(streamId, sender, receiver, amount)));
    }

    /** {@code {streamId, amount}}, or {@code {eventId}} to write an earlier test event again: a V2 {@code claim}. */
    private void withdrawal(Context ctx, BodyFields body) {
        StellarTestEvents stellar = stellar();
        if (body.has("eventId")) {
            String eventId = body.required("eventId");
            RawChainEvent again = writer.written(eventId)
                    .orElseThrow(() -> new BadField("eventId", "is not a test event this gateway wrote"));
            written(ctx, stellarKey(again));
            return;
        }
        TestStreamBook streams = streamBook.orElseThrow();
        String streamId = body.streamId("streamId");
        BigInteger amount = body.whole("amount", BigInteger.ONE, BodyFields.I128_MAX);
        var stream = streams.find(streamId).orElseThrow(TestEventRoutes::unknownStream);
        BigInteger total = streams.withdrawn(streamId, amount).orElseThrow();
        written(ctx, stellarKey(stellar.claim(streamId, stream.receiver(), amount, total)));
    }

    /** {@code {streamId, toReceiver, toSender}}: a V2 {@code cancel} by the sender. */
    private void cancellation(Context ctx, BodyFields body) {
        StellarTestEvents stellar = stellar();
        String streamId = body.streamId("streamId");
        BigInteger toReceiver = body.whole("toReceiver", BigInteger.ZERO, BodyFields.I128_MAX);
        BigInteger toSender = body.whole("toSender", BigInteger.ZERO, BodyFields.I128_MAX);
        var stream = streamBook.orElseThrow().find(streamId).orElseThrow(TestEventRoutes::unknownStream);
        written(ctx, stellarKey(stellar.cancel(streamId, stream.sender(), toReceiver, toSender)));
    }

    /** {@code {to, amountEth, from?}}: a Droppio {@code TipSent} to the creator wallet {@code to}. */
    private void tip(Context ctx, BodyFields body) {
        DroppioTestTips droppio = droppioTips.orElseThrow(() -> new NotConfigured(
                "no Droppio contract configured: set DROPPIO_CONTRACT_ADDRESS"));
        String to = body.evmAddress("to");
        BigInteger wei = body.eth("amountEth");
        String from = body.has("from") ? body.evmAddress("from") : droppio.randomAddress();
        RawChainEvent tip = droppio.tip(from, to, wei);
        written(ctx, new Keyed(DroppioTestTips.routingKey(tip), tip));
    }

    private static BadField unknownStream() {
        return new BadField("streamId", "is not a known stream (create it with test-stream first)");
    }

    private StellarTestEvents stellar() {
        return stellarEvents.orElseThrow(() -> new NotConfigured(
                "no StellarStream contract configured: set STELLARSTREAM_CONTRACT_IDS or TEST_STELLAR_CONTRACT_ID"));
    }

    private record Keyed(String key, RawChainEvent event) {}

    private Keyed stellarKey(RawChainEvent event) {
        return new Keyed(StellarTestEvents.routingKey(event), event);
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
        void handle(Context ctx, BodyFields body);
    }

    private Handler handled(BodyHandler handler) {
        return ctx -> {
            if (!guard.admits(ctx)) {
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(ctx.body());
            } catch (IOException e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                error(ctx, 400, "body", "body must be a JSON object");
                return;
            }
            try {
                handler.handle(ctx, new BodyFields(body));
            } catch (BadField bad) {
                error(ctx, 400, bad.field(), bad.getMessage());
            } catch (NotConfigured missing) {
                ctx.status(503).contentType("application/json").result(JSON.createObjectNode().put("success", false)
                        .put("error", missing.getMessage()).toString());
            }
        };
    }

    private static void error(Context ctx, int status, String field, String message) {
        ctx.status(status).contentType("application/json").result(JSON.createObjectNode().put("success", false)
                .put("field", field).put("error", message).toString());
    }

    private static final class NotConfigured extends RuntimeException {
        NotConfigured(String message) {
            super(message, null, false, false);
        }
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
