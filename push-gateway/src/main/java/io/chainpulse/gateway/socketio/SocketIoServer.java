package io.chainpulse.gateway.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine.IO v4 over Javalin's Jetty, at {@code /socket.io/}: long-polling (GET receives, POST sends), WebSocket,
 * and the upgrade from one to the other, as the unmodified {@code socket.io-client} 4 speaks them. New sessions
 * pass the origin allow-list (with CORS headers for polling) and the per-IP connection rate. The server pings every
 * session; one whose pong is late is closed. Thread-safe.
 */
public final class SocketIoServer implements AutoCloseable {
    public static final String PATH = "/socket.io/";
    private static final Logger log = LoggerFactory.getLogger(SocketIoServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "text/plain; charset=UTF-8";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StreamRooms rooms;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final int maxPayload;
    private final long maxQueuedBytes;
    private final BiPredicate<String, String> originAllowed;
    private final Predicate<String> connectionAllowed;
    private final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
    private final Map<Session, EngineSocket> byWebSocket = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param originAllowed (Origin, Host) of a new session's request: may it connect
     * @param connectionAllowed remote address of a new session: within its connection rate
     */
    public SocketIoServer(StreamRooms rooms, Duration pingInterval, Duration pingTimeout, int maxPayload,
            long maxQueuedBytes, BiPredicate<String, String> originAllowed, Predicate<String> connectionAllowed) {
        this.rooms = rooms;
        this.pingInterval = pingInterval;
        this.pingTimeout = pingTimeout;
        this.maxPayload = maxPayload;
        this.maxQueuedBytes = maxQueuedBytes;
        this.originAllowed = originAllowed;
        this.connectionAllowed = connectionAllowed;
    }

    /** {@code GET /socket.io/}: a polling handshake, or a long poll of an open session. */
    public void get(Context ctx) {
        if (!crossOrigin(ctx) || !validQuery(ctx)) {
            return;
        }
        String sid = ctx.queryParam("sid");
        if (sid == null) {
            if (!"polling".equals(ctx.queryParam("transport"))) {
                error(ctx, 400, 3, "Bad request");
                return;
            }
            if (!connectionAllowed.test(ctx.ip())) {
                error(ctx, 403, 4, "Forbidden: too many connections from this address");
                return;
            }
            EngineSocket socket = register(create(EngineSocket.Transport.POLLING, ctx.ip()));
            ctx.contentType(TEXT).result(handshake(socket.sid(), true));
            return;
        }
        EngineSocket socket = sockets.get(sid);
        if (socket == null) {
            error(ctx, 400, 1, "Session ID unknown");
            return;
        }
        var poll = socket.poll();
        if (poll.isEmpty()) {
            socket.close(1008, "overlapping poll");
            error(ctx, 400, 3, "Bad request");
            return;
        }
        CompletableFuture<byte[]> body = poll.get();
        ctx.future(() -> body.thenAccept(bytes -> ctx.contentType(TEXT).result(bytes)));
    }

    /** {@code POST /socket.io/?sid=…}: packets from a polling client. */
    public void post(Context ctx) {
        if (!crossOrigin(ctx) || !validQuery(ctx)) {
            return;
        }
        EngineSocket socket = ctx.queryParam("sid") == null ? null : sockets.get(ctx.queryParam("sid"));
        if (socket == null) {
            error(ctx, 400, 1, "Session ID unknown");
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxPayload) {
            socket.close(1009, "payload too large");
            error(ctx, 413, 3, "Payload too large");
            return;
        }
        for (String packet : EnginePackets.split(new String(body, StandardCharsets.UTF_8))) {
            receive(socket, packet, false);
        }
        ctx.contentType("text/html").result("ok");
    }

    /** {@code OPTIONS /socket.io/}: the CORS preflight a browser may send before a POST. */
    public void preflight(Context ctx) {
        if (!crossOrigin(ctx)) {
            return;
        }
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        String headers = ctx.header("Access-Control-Request-Headers");
        if (headers != null) {
            ctx.header("Access-Control-Allow-Headers", headers);
        }
        ctx.status(204);
    }

    /** {@code ws /socket.io/}: a WebSocket session, or the upgrade of a polling one ({@code sid} given). */
    public void configure(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onMessage(ctx -> {
            EngineSocket socket = byWebSocket.get(ctx.session);
            if (socket != null) {
                receive(socket, ctx.message(), socket.isProbe(ctx.session));
            }
        });
        ws.onBinaryMessage(ctx -> ctx.closeSession(1003, "binary messages are not accepted"));
        ws.onClose(ctx -> webSocketGone(ctx.session));
        ws.onError(ctx -> webSocketGone(ctx.session));
    }

    private void connect(WsConnectContext ctx) {
        if (!originAllowed.test(ctx.header("Origin"), ctx.header("Host"))) {
            ctx.session.close(1008, "origin not allowed", Callback.NOOP);
            return;
        }
        if (!"4".equals(ctx.queryParam("EIO")) || !"websocket".equals(ctx.queryParam("transport"))) {
            ctx.session.close(1008, "only Engine.IO 4 over transport=websocket", Callback.NOOP);
            return;
        }
        String sid = ctx.queryParam("sid");
        if (sid == null) {
            String address = remoteAddress(ctx);
            if (!connectionAllowed.test(address)) {
                ctx.session.close(1013, "too many connections from this address", Callback.NOOP);
                return;
            }
            EngineSocket socket = create(EngineSocket.Transport.WEBSOCKET, address);
            socket.useWebSocket(ctx.session);
            byWebSocket.put(ctx.session, socket);
            register(socket);
            socket.send(handshake(socket.sid(), false));
            return;
        }
        EngineSocket socket = sockets.get(sid);
        if (socket == null || !socket.probeWith(ctx.session)) {
            ctx.session.close(1008, "Session ID unknown or not upgradable", Callback.NOOP);
            return;
        }
        byWebSocket.put(ctx.session, socket);
    }

    private void webSocketGone(Session webSocket) {
        EngineSocket socket = byWebSocket.remove(webSocket);
        if (socket == null) {
            return;
        }
        if (socket.isProbe(webSocket)) {
            socket.probeFailed();
        } else {
            socket.close(1000, "transport closed");
        }
    }

    private void receive(EngineSocket socket, String packet, boolean viaProbe) {
        if (packet.isEmpty()) {
            socket.close(1008, "empty Engine.IO packet");
            return;
        }
        String data = packet.substring(1);
        switch (packet.charAt(0)) {
            case EnginePackets.PONG -> socket.pongReceived();
            case EnginePackets.MESSAGE -> {
                if (!viaProbe) {
                    socket.client().onMessage(data);
                }
            }
            case EnginePackets.PING -> {
                if (viaProbe && EnginePackets.PROBE.equals(data)) {
                    socket.probed();
                }
            }
            case EnginePackets.UPGRADE -> {
                if (viaProbe) {
                    socket.upgraded();
                }
            }
            case EnginePackets.CLOSE -> socket.close(1000, "client closed");
            case EnginePackets.NOOP -> { }
            default -> socket.close(1008, "unknown Engine.IO packet type");
        }
    }

    private EngineSocket create(EngineSocket.Transport transport, String remoteAddress) {
        EngineSocket socket = new EngineSocket(newId(), remoteAddress, transport, maxQueuedBytes, background,
                this::forget);
        socket.bind(new SocketIoClient(socket, rooms, newId()));
        return socket;
    }

    private EngineSocket register(EngineSocket socket) {
        sockets.put(socket.sid(), socket);
        return socket;
    }

    private void forget(EngineSocket socket) {
        sockets.remove(socket.sid());
        socket.client().leaveAll();
    }

    private byte[] handshake(String sid, boolean canUpgrade) {
        ObjectNode open = JSON.createObjectNode().put("sid", sid);
        var upgrades = open.putArray("upgrades");
        if (canUpgrade) {
            upgrades.add("websocket");
        }
        open.put("pingInterval", pingInterval.toMillis()).put("pingTimeout", pingTimeout.toMillis())
                .put("maxPayload", maxPayload);
        return EnginePackets.of(EnginePackets.OPEN, open.toString());
    }

    /** Pings every session that has no ping outstanding; run every ping interval. */
    public void ping() {
        long now = System.currentTimeMillis();
        sockets.values().forEach(socket -> socket.ping(now));
    }

    /** Closes sessions whose pong is later than the ping timeout; run often (every second). */
    public void closeSilent() {
        long now = System.currentTimeMillis();
        for (EngineSocket socket : sockets.values()) {
            if (socket.pongOverdue(now, pingTimeout.toMillis())) {
                log.debug("closing Socket.IO session {} from {}: no pong within {} ms", socket.sid(),
                        socket.remoteAddress(), pingTimeout.toMillis());
                socket.close(1011, "ping timeout");
            }
        }
    }

    /** Open Engine.IO sessions. */
    public int clients() {
        return sockets.size();
    }

    /** Rooms with at least one client. */
    public long rooms() {
        return rooms.occupied();
    }

    private boolean validQuery(Context ctx) {
        if (!"4".equals(ctx.queryParam("EIO"))) {
            error(ctx, 400, 5, "Unsupported protocol version");
            return false;
        }
        String transport = ctx.queryParam("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            error(ctx, 400, 0, "Transport unknown");
            return false;
        }
        return true;
    }

    /** CORS for browser pages: an allowed Origin is echoed back, another is refused with 403. */
    private boolean crossOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        if (!originAllowed.test(origin, ctx.header("Host"))) {
            error(ctx, 403, 4, "Forbidden: origin not allowed");
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Vary", "Origin");
        return true;
    }

    private static void error(Context ctx, int status, int code, String message) {
        ctx.status(status).contentType("application/json")
                .result(JSON.createObjectNode().put("code", code).put("message", message).toString());
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String remoteAddress(WsContext ctx) {
        if (ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress address) {
            return address.getAddress().getHostAddress();
        }
        return String.valueOf(ctx.session.getRemoteSocketAddress());
    }

    /** Closes every session with 1001 (polling clients get the close packet), so clients reconnect elsewhere. */
    @Override
    public void close() {
        for (EngineSocket socket : sockets.values()) {
            socket.close(1001, "gateway shutting down; reconnect and rejoin with since");
        }
        background.shutdown();
    }
}
