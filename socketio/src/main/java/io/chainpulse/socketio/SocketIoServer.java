package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Engine.IO v4 / Socket.IO v5 server at {@code /socket.io/}: long-polling, WebSocket and the upgrade from one to
 * the other, as the unmodified {@code socket.io-client} 4 speaks them, with the namespaces the application registers
 * and their rooms. Register namespaces, then put {@link #handler} in front of the application's Jetty handlers.
 * Thread-safe.
 */
public final class SocketIoServer implements AutoCloseable {
    public static final String PATH = "/socket.io/";
    private static final Logger log = LoggerFactory.getLogger(SocketIoServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A namespace's handler and its rooms. */
    record Registered(Namespace handler, Rooms rooms) {}

    private final SocketIoSettings settings;
    private final Admission admission;
    private final Map<String, Registered> namespaces = new ConcurrentHashMap<>();
    private final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers;

    public SocketIoServer(SocketIoSettings settings, Admission admission) {
        this.settings = settings;
        this.admission = admission;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("socketio-timers").daemon(true).factory());
        // every pong cancels a ping timeout: cancelled tasks must not pile up in the queue
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
    }

    /** Serves namespace {@code name} (e.g. {@code /}) with {@code handler}; clients may connect to it from now on. */
    public SocketIoServer namespace(String name, Namespace handler) {
        namespaces.put(name, new Registered(handler, new Rooms()));
        return this;
    }

    /** The Jetty handler that serves {@link #PATH} on {@code jetty} and passes every other request on. */
    public Handler.Wrapper handler(Server jetty) {
        return new SocketIoHandler(this, WebSocketServerComponents.ensureWebSocketComponents(jetty));
    }

    /** Sends an event encoded once ({@link #encodeEvent}) to every socket in {@code room} of {@code namespace}. */
    public void broadcast(String namespace, String room, byte[] packet) {
        Registered registered = namespaces.get(namespace);
        if (registered != null) {
            registered.rooms().of(room).forEach(socket -> socket.sendEncoded(packet));
        }
    }

    /** {@code 42["event",…args]}: an event of the main namespace as {@link SocketIoSocket#sendEncoded} takes it. */
    public static byte[] encodeEvent(String event, JsonNode... args) {
        ArrayNode data = JSON.createArrayNode().add(event);
        for (JsonNode arg : args) {
            data.add(arg);
        }
        return ("42" + data).getBytes(StandardCharsets.UTF_8);
    }

    /** Open Engine.IO sessions. */
    public int clients() {
        return sockets.size();
    }

    /** Rooms with at least one socket, over all namespaces. */
    public long rooms() {
        return namespaces.values().stream().mapToLong(registered -> registered.rooms().size()).sum();
    }

    SocketIoSettings settings() {
        return settings;
    }

    Admission admission() {
        return admission;
    }

    EngineSocket session(String sid) {
        return sid == null ? null : sockets.get(sid);
    }

    /** A new session, registered, its heartbeat started and its deadline to connect a namespace set. */
    EngineSocket open(EngineSocket.Transport transport, String remoteAddress) {
        EngineSocket socket = new EngineSocket(newId(), remoteAddress, transport, settings, background, timers,
                this::forget);
        socket.bind(new SocketIoClient(socket, namespaces::get, settings));
        sockets.put(socket.sid(), socket);
        timers.schedule(() -> {
            if (!socket.client().hasConnected()) {
                socket.close(1008, "no namespace connected in time", false);
            }
        }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return socket;
    }

    // the client leaves its namespaces on another thread: the caller may hold a room's lock
    private void forget(EngineSocket socket) {
        if (socket.lingering()) {
            timers.schedule(() -> forgetNow(socket), settings.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            forgetNow(socket);
        }
        try {
            background.execute(() -> socket.client().closed());
        } catch (RejectedExecutionException e) {
            // the server is closing: no thread to hand over to, so the namespaces are left here
            socket.client().closed();
        }
    }

    /** Removes a closed session at once (a lingering one once its last poll is answered). */
    void forgetNow(EngineSocket socket) {
        sockets.remove(socket.sid(), socket);
    }

    byte[] handshake(String sid, boolean canUpgrade) {
        ObjectNode open = JSON.createObjectNode().put("sid", sid);
        var upgrades = open.putArray("upgrades");
        if (canUpgrade) {
            upgrades.add("websocket");
        }
        open.put("pingInterval", settings.pingInterval().toMillis()).put("pingTimeout", settings.pingTimeout().toMillis())
                .put("maxPayload", settings.maxPayload());
        return EnginePackets.of(EnginePackets.OPEN, open.toString());
    }

    static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Closes every session with 1001 (polling clients get the close packet), so clients reconnect elsewhere. */
    @Override
    public void close() {
        for (EngineSocket socket : sockets.values()) {
            socket.close(1001, "server shutting down", false);
        }
        timers.shutdownNow();
        background.shutdown();
        log.debug("Socket.IO server closed");
    }
}
