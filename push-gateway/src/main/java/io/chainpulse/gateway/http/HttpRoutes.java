package io.chainpulse.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.feed.StreamFrame;
import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.Channels;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionRegistry;
import io.chainpulse.socketio.SocketIoServer;
import io.chainpulse.store.OverlayTokens;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The plain HTTP side: tip history, socket status, Prometheus metrics and the overlay page. */
public final class HttpRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final OverlayTokens tokens;
    private final TipHistory history;
    private final SessionRegistry registry;
    private final SocketIoServer socketIo;
    private final Channels<StreamFrame> streamRooms;
    private final GatewayMetrics metrics;
    private final byte[] overlayPage;

    public HttpRoutes(OverlayTokens tokens, TipHistory history, SessionRegistry registry, SocketIoServer socketIo,
            Channels<StreamFrame> streamRooms, GatewayMetrics metrics) {
        this.tokens = tokens;
        this.history = history;
        this.registry = registry;
        this.socketIo = socketIo;
        this.streamRooms = streamRooms;
        this.metrics = metrics;
        this.overlayPage = resource("/overlay/overlay.html");
    }

    /**
     * {@code GET /api/creators/{creatorId}/tips?token=…&limit=…&includeTest=true}: authorized by an overlay token, like
     * the overlay; test tips only with {@code includeTest=true}.
     */
    public void tips(Context ctx) throws IOException {
        UUID creatorId;
        try {
            creatorId = UUID.fromString(ctx.pathParam("creatorId"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "creatorId must be a UUID");
            return;
        }
        if (!tokens.isValid(creatorId, ctx.queryParam("token"))) {
            error(ctx, 401, "missing, invalid or revoked overlay token");
            return;
        }
        int limit = DEFAULT_LIMIT;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                error(ctx, 400, "limit must be between 1 and " + MAX_LIMIT);
                return;
            }
        }
        ObjectNode body = JSON.createObjectNode().put("creatorId", creatorId.toString());
        boolean includeTest = "true".equals(ctx.queryParam("includeTest"));
        body.set("tips", JSON.valueToTree(history.recent(creatorId, limit, includeTest)));
        json(ctx, 200, body);
    }

    /**
     * {@code GET /ws-status}: in the original StellarStream backend's shape, {@code connectedUsers} (the addresses
     * whose Socket.IO room has a socket) and {@code userConnections} (address to socket count); beside them the
     * gateway's own counts: creators with tip sockets, tip sockets, sockets per channel, Socket.IO clients and rooms.
     */
    public void status(Context ctx) throws IOException {
        var sessions = registry.sessions();
        Map<String, Long> perCreator = sessions.stream()
                .collect(Collectors.groupingBy(ClientSession::creatorId, Collectors.counting()));
        Map<String, Integer> rooms = streamRooms.memberCounts();
        ObjectNode body = JSON.createObjectNode();
        body.set("connectedUsers", JSON.valueToTree(rooms.keySet()));
        body.set("userConnections", JSON.valueToTree(rooms));
        body.put("connectedCreators", perCreator.size()).put("tipSockets", sessions.size());
        ObjectNode channels = body.putObject("channels");
        for (ChannelKind kind : ChannelKind.values()) {
            channels.put(kind.label(), sessions.stream().filter(session -> session.kind() == kind).count());
        }
        body.putObject("socketIo").put("clients", socketIo.clients()).put("rooms", rooms.size());
        json(ctx, 200, body);
    }

    /** {@code GET /metrics}: Prometheus text format. */
    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    /** {@code GET /overlay/{creatorId}?token=…}: the self-contained OBS overlay page. */
    public void overlay(Context ctx) {
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(overlayPage);
    }

    private static void error(Context ctx, int status, String message) throws IOException {
        json(ctx, status, JSON.createObjectNode().put("error", message));
    }

    private static void json(Context ctx, int status, ObjectNode body) throws IOException {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    }

    private static byte[] resource(String path) {
        try (InputStream in = HttpRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }
}
