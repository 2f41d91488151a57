package io.chainpulse.gateway;

import io.chainpulse.gateway.feed.TipFrame;
import io.chainpulse.gateway.replay.KafkaReplayer;
import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a tip socket: refuse it with a close code before anything is sent (origin, rate, path, credential),
 * or register it and replay what it missed; remove it on close and on error, since a dropped network may skip the
 * close. Clients only listen: any message they send closes the socket.
 */
final class TipSockets {
    private static final Logger log = LoggerFactory.getLogger(TipSockets.class);
    private static final int UNSUPPORTED_DATA = 1003;

    private final SessionRegistry registry;
    private final KafkaReplayer<TipFrame> replayer;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final OriginPolicy origins;
    private final ConnectionRateLimiter rateLimiter;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<Session, ClientSession> bySocket = new ConcurrentHashMap<>();
    private final Map<ClientSession, ScheduledFuture<?>> batchFlushes = new ConcurrentHashMap<>();

    TipSockets(SessionRegistry registry, KafkaReplayer<TipFrame> replayer, GatewayConfig config, GatewayMetrics metrics,
            ConnectionRateLimiter rateLimiter, ScheduledExecutorService scheduler, Clock clock) {
        this.registry = registry;
        this.replayer = replayer;
        this.config = config;
        this.metrics = metrics;
        this.origins = new OriginPolicy(config.allowedOrigins());
        this.rateLimiter = rateLimiter;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    void configure(WsConfig ws, ChannelKind kind, Authorizer authorizer) {
        ws.onConnect(ctx -> connect(ctx, kind, authorizer));
        ws.onMessage(ctx -> ctx.closeSession(Refusal.POLICY_VIOLATION, "this channel only sends; clients must not write"));
        ws.onBinaryMessage(ctx -> ctx.closeSession(UNSUPPORTED_DATA, "binary messages are not accepted"));
        ws.onClose(this::forget);
        ws.onError(this::forget);
    }

    /** Any other socket path: closed with 1008 instead of a bare HTTP 404 the client cannot read. */
    void refuseUnknownChannel(WsConfig ws) {
        ws.onConnect(ctx -> refuse(ctx, Refusal.policy("unknown channel; use /ws/overlay/{creatorId} or /ws/streamer/{creatorId}")));
    }

    private void connect(WsConnectContext ctx, ChannelKind kind, Authorizer authorizer) {
        try {
            Optional<Refusal> gate = gate(ctx);
            if (gate.isPresent()) {
                refuse(ctx, gate.get());
                return;
            }
            var parsed = SubscriptionRequest.parse(kind, ctx.pathParam("creatorId"), firstValues(ctx));
            if (parsed instanceof SubscriptionRequest.Invalid invalid) {
                refuse(ctx, invalid.refusal());
                return;
            }
            SubscriptionRequest request = ((SubscriptionRequest.Valid) parsed).request();
            Optional<Refusal> refusal = authorizer.refusal(request);
            if (refusal.isPresent()) {
                refuse(ctx, refusal.get());
                return;
            }
            open(ctx, request);
        } catch (RuntimeException e) {
            log.warn("refusing {} socket after an internal error: {}", kind.label(), e.toString(), e);
            refuse(ctx, new Refusal(1011, "internal error"));
        }
    }

    private Optional<Refusal> gate(WsConnectContext ctx) {
        if (!origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
            return Optional.of(Refusal.policy("origin not allowed"));
        }
        if (!rateLimiter.tryAcquire(remoteAddress(ctx))) {
            return Optional.of(new Refusal(Refusal.TRY_AGAIN_LATER, "too many connections from this address"));
        }
        return Optional.empty();
    }

    private void open(WsConnectContext ctx, SubscriptionRequest request) {
        ClientSession session = new ClientSession(ctx.session, request.subscription(), remoteAddress(ctx),
                request.credential(), config.maxQueuedBytes(), clock.millis(), metrics);
        bySocket.put(ctx.session, session);
        request.subscription().batchWindow().ifPresent(window -> scheduleBatches(session, window));
        if (request.since().isEmpty()) {
            registry.attach(session);
        } else {
            registry.register(session);
            replayer.resume(session, request.since().get(), registry.channels());
        }
        if (!ctx.session.isOpen()) {
            forget(ctx);
        }
        log.debug("{} socket of creator {} from {} opened", request.subscription().kind().label(), request.creatorId(),
                session.remoteAddress());
    }

    private void scheduleBatches(ClientSession session, Duration window) {
        batchFlushes.put(session, scheduler.scheduleAtFixedRate(session::flushBatch, window.toMillis(),
                window.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void refuse(WsContext ctx, Refusal refusal) {
        metrics.refused(refusal.code());
        log.debug("refused socket from {}: {} {}", remoteAddress(ctx), refusal.code(), refusal.reason());
        ctx.session.close(refusal.code(), refusal.reason(), Callback.NOOP);
    }

    private void forget(WsContext ctx) {
        ClientSession session = bySocket.remove(ctx.session);
        if (session != null) {
            registry.detach(session);
            ScheduledFuture<?> flushes = batchFlushes.remove(session);
            if (flushes != null) {
                flushes.cancel(false);
            }
        }
    }

    private static Map<String, String> firstValues(WsContext ctx) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : ctx.queryParamMap().entrySet()) {
            if (!entry.getValue().isEmpty()) {
                values.put(entry.getKey(), entry.getValue().get(0));
            }
        }
        return values;
    }

    static String remoteAddress(WsContext ctx) {
        if (ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress address) {
            return address.getAddress().getHostAddress();
        }
        return String.valueOf(ctx.session.getRemoteSocketAddress());
    }
}
