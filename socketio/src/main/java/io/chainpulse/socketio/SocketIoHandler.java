package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;

/**
 * The HTTP side of {@code /socket.io/}: the polling handshake and long polls (GET), client packets (POST, its body
 * bounded by maxPayload before it is read), the CORS preflight (OPTIONS), and the WebSocket upgrade. Every refusal is
 * Engine.IO's JSON error: 400 for a bad query, an unknown session, a bad method or a transport mismatch; 403 for a
 * foreign origin or too many connections; 413 for a body over maxPayload. CORS answers echo only an origin the
 * application allows, never with credentials, and allow only {@code Content-Type}.
 */
final class SocketIoHandler extends Handler.Wrapper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "text/plain; charset=UTF-8";

    private final Handshaker handshaker = Handshaker.newInstance();
    private final SocketIoServer server;
    private final WebSocketComponents components;

    SocketIoHandler(SocketIoServer server, WebSocketComponents components) {
        this.server = server;
        this.components = components;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals(SocketIoServer.PATH) && !path.equals("/socket.io")) {
            return super.handle(request, response, callback);
        }
        Fields query = Request.extractQueryParameters(request);
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        boolean originAllowed = server.admission().originAllowed(origin, request.getHeaders().get(HttpHeader.HOST));
        if (!"4".equals(query.getValue("EIO"))) {
            return error(request, response, callback, 400, 5, "Unsupported protocol version");
        }
        String transport = query.getValue("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return error(request, response, callback, 400, 0, "Transport unknown");
        }
        if (handshaker.isWebSocketUpgradeRequest(request)) {
            if (!"websocket".equals(transport)) {
                return error(request, response, callback, 400, 3, "Bad request");
            }
            String remoteAddress = Request.getRemoteAddr(request);
            String sid = query.getValue("sid");
            if (handshaker.upgradeRequest((upgrade, upgradeResponse, upgradeCallback) -> new EngineWebSocket(server,
                    sid, remoteAddress, originAllowed), request, response, callback, components, this::limits)) {
                return true;
            }
            return error(request, response, callback, 400, 3, "Bad request");
        }
        if (origin != null) {
            if (!originAllowed) {
                return error(request, response, callback, 403, 4, "Forbidden: origin not allowed");
            }
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.VARY, "Origin");
        }
        return switch (request.getMethod()) {
            case "GET" -> get(request, response, callback, query);
            case "POST" -> post(request, response, callback, query);
            case "OPTIONS" -> preflight(response, callback);
            default -> error(request, response, callback, 400, 2, "Bad handshake method");
        };
    }

    private void limits(Configuration configuration) {
        configuration.setMaxFrameSize(server.settings().maxPayload());
        // the heartbeat decides when a client is dead; the idle timeout is only a backstop behind it
        configuration.setIdleTimeout(server.settings().pingInterval().plus(server.settings().pingTimeout()).multipliedBy(2));
    }

    private boolean get(Request request, Response response, Callback callback, Fields query) {
        String sid = query.getValue("sid");
        if (sid == null) {
            if (!"polling".equals(query.getValue("transport"))) {
                return error(request, response, callback, 400, 3, "Bad request");
            }
            String remoteAddress = Request.getRemoteAddr(request);
            if (!server.admission().connectionAllowed(remoteAddress)) {
                return error(request, response, callback, 403, 4, "Forbidden: too many connections from this address");
            }
            EngineSocket socket = server.open(EngineSocket.Transport.POLLING, remoteAddress);
            socket.startHeartbeat();
            return text(response, callback, server.handshake(socket.sid(), true));
        }
        EngineSocket socket = server.session(sid);
        if (socket == null) {
            return error(request, response, callback, 400, 1, "Session ID unknown");
        }
        if (!"polling".equals(query.getValue("transport"))) {
            return error(request, response, callback, 400, 3, "Bad request");
        }
        return switch (socket.poll()) {
            case PollAnswer.Body answer -> {
                if (!socket.isOpen()) {
                    server.forgetNow(socket);
                }
                answer.body().thenAccept(body -> {
                    if (body == EngineSocket.UPGRADED_BODY) {
                        error(request, response, callback, 400, 3, "Bad request");
                    } else {
                        text(response, callback, body);
                    }
                });
                yield true;
            }
            case PollAnswer.Expired expired -> error(request, response, callback, 400, 1, "Session ID unknown");
            case PollAnswer.Overlapping overlapping -> {
                socket.close(1008, "overlapping poll", false);
                yield error(request, response, callback, 400, 3, "Bad request");
            }
            case PollAnswer.Upgraded upgraded -> error(request, response, callback, 400, 3, "Bad request");
        };
    }

    private boolean post(Request request, Response response, Callback callback, Fields query) {
        EngineSocket socket = server.session(query.getValue("sid"));
        if (query.getValue("sid") == null) {
            return error(request, response, callback, 400, 2, "Bad handshake method");
        }
        if (socket == null) {
            return error(request, response, callback, 400, 1, "Session ID unknown");
        }
        if (socket.transport() != EngineSocket.Transport.POLLING || !"polling".equals(query.getValue("transport"))) {
            return error(request, response, callback, 400, 3, "Bad request");
        }
        int maxPayload = server.settings().maxPayload();
        if (request.getLength() > maxPayload) {
            socket.close(1009, "payload too large", false);
            return error(request, response, callback, 413, 3, "Payload too large");
        }
        // read up to the limit and no further: a chunked body without a length is cut off there
        Content.Source.asByteArrayAsync(request, maxPayload).whenComplete((body, failure) -> {
            if (failure != null) {
                socket.close(1009, "payload too large", false);
                error(request, response, callback, 413, 3, "Payload too large");
                return;
            }
            List<EnginePackets.Inbound> packets;
            try {
                packets = EnginePackets.split(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                socket.close(1008, "bad base64 in a binary packet", false);
                error(request, response, callback, 400, 3, "Bad request");
                return;
            }
            for (EnginePackets.Inbound packet : packets) {
                InboundPackets.receive(socket, packet, false);
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
            response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
        });
        return true;
    }

    private boolean preflight(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
        response.setStatus(204);
        callback.succeeded();
        return true;
    }

    private static boolean text(Response response, Callback callback, byte[] body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean error(Request request, Response response, Callback callback, int status, int code,
            String message) {
        response.setStatus(status);
        if (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            // the body is not read: the client must not send its next request on this connection
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] body = JSON.createObjectNode().put("code", code).put("message", message).toString()
                .getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
