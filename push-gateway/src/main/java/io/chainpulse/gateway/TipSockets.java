package io.chainpulse.gateway;

import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a tip socket: refuse it with a close code before anything is sent, or register it with the session
 * registry; remove it on close and on error, since a dropped network may skip the close.
 */
final class TipSockets {
    private static final Logger log = LoggerFactory.getLogger(TipSockets.class);

    private final SessionRegistry registry;
    private final GatewayConfig config;
    private final Clock clock;
    private final Map<Session, ClientSession> bySocket = new ConcurrentHashMap<>();

    TipSockets(SessionRegistry registry, GatewayConfig config, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
    }

    void configure(WsConfig ws, ChannelKind kind, Authorizer authorizer) {
        ws.onConnect(ctx -> connect(ctx, kind, authorizer));
        ws.onMessage(ctx -> ctx.closeSession(Refusal.POLICY_VIOLATION, "this channel does not accept messages"));
        ws.onBinaryMessage(ctx -> ctx.closeSession(Refusal.POLICY_VIOLATION, "this channel does not accept messages"));
        ws.onClose(ctx -> forget(ctx));
        ws.onError(ctx -> forget(ctx));
    }

    private void connect(WsConnectContext ctx, ChannelKind kind, Authorizer authorizer) {
        try {
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
            ClientSession session = new ClientSession(ctx.session, request.subscription(), remoteAddress(ctx),
                    request.credential(), config.maxQueuedBytes(), clock.millis(),
                    overflowed -> overflowed.close(Refusal.TRY_AGAIN_LATER, "outbound queue full; reconnect with since"));
            bySocket.put(ctx.session, session);
            registry.attach(session);
            log.debug("{} socket of creator {} from {} opened", kind.label(), request.creatorId(), session.remoteAddress());
        } catch (RuntimeException e) {
            log.warn("refusing {} socket after an internal error: {}", kind.label(), e.toString(), e);
            refuse(ctx, new Refusal(1011, "internal error"));
        }
    }

    private void refuse(WsContext ctx, Refusal refusal) {
        log.debug("refused socket {} from {}: {} {}", ctx.sessionId(), remoteAddress(ctx), refusal.code(), refusal.reason());
        ctx.session.close(refusal.code(), refusal.reason(), Callback.NOOP);
    }

    private void forget(WsContext ctx) {
        ClientSession session = bySocket.remove(ctx.session);
        if (session != null) {
            registry.detach(session);
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
