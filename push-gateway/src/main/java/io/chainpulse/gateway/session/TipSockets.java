package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.TipFrame;
import io.chainpulse.gateway.replay.KafkaReplayer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a tip socket: refuse it with a close code before anything is sent (origin, rate, path, credential),
 * or register it and replay what it missed; remove it when it ends. Everything is decided from the upgrade request
 * during the handshake, and nothing of the request is kept: an open socket is its {@link ClientSession}. Clients only
 * listen: any message they send closes the socket. {@link TipSocketHandler} serves them with Jetty's core WebSocket
 * layer.
 */
public final class TipSockets implements WebSocketNegotiator, SessionLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TipSockets.class);
    private static final String OVERLAY_PREFIX = "/ws/overlay/";
    private static final String STREAMER_PREFIX = "/ws/streamer/";

    private final SessionRegistry registry;
    private final KafkaReplayer<TipFrame> replayer;
    private final SessionLimits limits;
    private final SessionEvents events;
    private final BiPredicate<String, String> origins;
    private final Predicate<String> rateLimiter;
    private final ScheduledExecutorService scheduler;
    private final SocketWriters writers;
    private final Authorizer overlays;
    private final Authorizer streamers;
    private final Duration idleTimeout;
    private final Map<ClientSession, ScheduledFuture<?>> batchFlushes = new ConcurrentHashMap<>();
    /** One instance per creator and channel for the sockets without filters (nearly all): shared, not per socket. */
    private final Map<Subscription, Subscription> unfiltered = new ConcurrentHashMap<>();

    /**
     * @param origins whether a page of this origin (first) may connect to this host (second)
     * @param rateLimiter takes one connection from the allowance of a remote address; false when it has none left
     */
    public TipSockets(SessionRegistry registry, KafkaReplayer<TipFrame> replayer, SessionLimits limits,
            SessionEvents events, BiPredicate<String, String> origins, Predicate<String> rateLimiter,
            ScheduledExecutorService scheduler, SocketWriters writers, Authorizer overlays, Authorizer streamers) {
        this.registry = registry;
        this.replayer = replayer;
        this.limits = limits;
        this.events = events;
        this.origins = origins;
        this.rateLimiter = rateLimiter;
        this.scheduler = scheduler;
        this.writers = writers;
        this.overlays = overlays;
        this.streamers = streamers;
        this.idleTimeout = limits.idleTimeout();
    }

    /** The limits of every tip socket. */
    @Override
    public void customize(Configuration configuration) {
        // a whole frame is checked against the limit (1009), not cut into fragments that each pass it
        configuration.setAutoFragment(false);
        configuration.setMaxFrameSize(limits.maxInboundBytes());
        configuration.setMaxTextMessageSize(limits.maxInboundBytes());
        configuration.setMaxBinaryMessageSize(limits.maxInboundBytes());
        configuration.setIdleTimeout(idleTimeout);
    }

    /** Decides the socket during the handshake: a session to open, or a socket closed with a refusal once open. */
    @Override
    public FrameHandler negotiate(ServerUpgradeRequest upgrade, ServerUpgradeResponse response, Callback callback) {
        // the request as it arrived: the upgrade only sees a URI without path and query (see TipSocketHandler)
        Request request = Request.unWrap(upgrade);
        String remoteAddress = Request.getRemoteAddr(request);
        try {
            String path = Request.getPathInContext(request);
            ChannelKind kind;
            String creatorId;
            if (path.startsWith(OVERLAY_PREFIX)) {
                kind = ChannelKind.OVERLAY;
                creatorId = path.substring(OVERLAY_PREFIX.length());
            } else if (path.startsWith(STREAMER_PREFIX)) {
                kind = ChannelKind.STREAMER;
                creatorId = path.substring(STREAMER_PREFIX.length());
            } else {
                return refuse(remoteAddress,
                        Refusal.policy("unknown channel; use /ws/overlay/{creatorId} or /ws/streamer/{creatorId}"));
            }
            Optional<Refusal> gate = gate(request, remoteAddress);
            if (gate.isPresent()) {
                return refuse(remoteAddress, gate.get());
            }
            Map<String, String> query;
            try {
                query = firstValues(request);
            } catch (RuntimeException badQuery) {
                // Jetty marks a query it cannot decode ("400: Bad query") as an HttpException: the client's fault
                if (!(badQuery instanceof HttpException)) {
                    throw badQuery;
                }
                return refuse(remoteAddress, Refusal.policy("query is not valid percent-encoded UTF-8"));
            }
            var parsed = SubscriptionRequest.parse(kind, creatorId, query);
            if (parsed instanceof SubscriptionRequest.Invalid invalid) {
                return refuse(remoteAddress, invalid.refusal());
            }
            SubscriptionRequest subscription = ((SubscriptionRequest.Valid) parsed).request();
            Optional<Refusal> refusal = (kind == ChannelKind.OVERLAY ? overlays : streamers).refusal(subscription);
            if (refusal.isPresent()) {
                return refuse(remoteAddress, refusal.get());
            }
            return new ClientSession(shared(subscription.subscription()), subscription.since().orElse(null),
                    subscription.credential(), limits.maxQueuedBytes(), limits.maxInboundBytes(), writers, this, events);
        } catch (RuntimeException e) {
            log.warn("refusing a socket after an internal error: {}", e.toString(), e);
            return refuse(remoteAddress, new Refusal(1011, "internal error"));
        }
    }

    private Subscription shared(Subscription subscription) {
        if (!subscription.equals(Subscription.everything(subscription.creatorId(), subscription.kind()))) {
            return subscription;
        }
        return unfiltered.computeIfAbsent(subscription, created -> created);
    }

    private Optional<Refusal> gate(Request request, String remoteAddress) {
        if (!origins.test(request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get(HttpHeader.HOST))) {
            return Optional.of(Refusal.policy("origin not allowed"));
        }
        if (!rateLimiter.test(remoteAddress)) {
            return Optional.of(new Refusal(Refusal.TRY_AGAIN_LATER, "too many connections from this address"));
        }
        return Optional.empty();
    }

    private FrameHandler refuse(String remoteAddress, Refusal refusal) {
        events.refused(refusal.code());
        log.debug("refused socket from {}: {} {}", remoteAddress, refusal.code(), refusal.reason());
        return new RefusedSocket(refusal);
    }

    @Override
    public void opened(ClientSession session, Optional<Cursor> since) {
        session.subscription().batchWindow().ifPresent(window -> scheduleBatches(session, window));
        if (since.isEmpty()) {
            registry.attach(session);
        } else {
            registry.register(session);
            replayer.resume(session, since.get(), registry.channels());
        }
        log.debug("{} socket of creator {} from {} opened", session.kind().label(), session.creatorId(),
                session.remoteAddress());
    }

    private void scheduleBatches(ClientSession session, Duration window) {
        batchFlushes.put(session, scheduler.scheduleAtFixedRate(session::flushBatch, window.toMillis(),
                window.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void ended(ClientSession session) {
        registry.detach(session);
        ScheduledFuture<?> flushes = batchFlushes.remove(session);
        if (flushes != null) {
            flushes.cancel(false);
        }
    }

    private static Map<String, String> firstValues(Request request) {
        Map<String, String> values = new HashMap<>();
        Fields query = Request.extractQueryParameters(request);
        for (Fields.Field field : query) {
            if (!field.getValues().isEmpty()) {
                values.put(field.getName(), field.getValue());
            }
        }
        return values;
    }
}
