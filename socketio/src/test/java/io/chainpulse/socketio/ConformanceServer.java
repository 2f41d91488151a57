package io.chainpulse.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The Socket.IO reference server of the {@code socket.io-protocol} test suite, built on this module: pingInterval
 * 300 ms, pingTimeout 200 ms, maxPayload 1,000,000, and on {@code /} and {@code /custom}: {@code auth} emitted on
 * connection, {@code message} answered by {@code message-back} with the same arguments (and attachments), and
 * {@code message-with-ack} acknowledged with the same arguments. Run by {@code scripts/socketio-conformance.sh};
 * {@link #start(int)} is what the tests call.
 */
final class ConformanceServer implements AutoCloseable {
    static final SocketIoSettings SETTINGS = new SocketIoSettings(Duration.ofMillis(300), Duration.ofMillis(200),
            1_000_000, 4 * 1024 * 1024, 50, Duration.ofSeconds(45));

    private final Server jetty;
    private final SocketIoServer socketIo;

    private ConformanceServer(Server jetty, SocketIoServer socketIo) {
        this.jetty = jetty;
        this.socketIo = socketIo;
    }

    static ConformanceServer start(int port) throws Exception {
        return start(port, SETTINGS, Admission.OPEN);
    }

    static ConformanceServer start(int port, SocketIoSettings settings, Admission admission) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setPort(port);
        jetty.addConnector(connector);
        SocketIoServer socketIo = new SocketIoServer(settings, admission)
                .namespace("/", new EchoNamespace())
                .namespace("/custom", new EchoNamespace());
        jetty.setHandler(socketIo.handler(jetty));
        jetty.start();
        return new ConformanceServer(jetty, socketIo);
    }

    int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    SocketIoServer socketIo() {
        return socketIo;
    }

    @Override
    public void close() throws Exception {
        socketIo.close();
        jetty.stop();
    }

    public static void main(String[] args) throws Exception {
        ConformanceServer server = start(args.length > 0 ? Integer.parseInt(args[0]) : 3000);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        }));
        server.jetty.join();
    }

    /** The reference app's handlers. */
    private static final class EchoNamespace implements Namespace {
        @Override
        public void connected(SocketIoSocket socket, JsonNode auth) {
            socket.emit("auth", auth);
        }

        @Override
        public void event(SocketIoSocket socket, SocketIoEvent event) {
            switch (event.name()) {
                case "message" -> {
                    if (event.attachments().isEmpty()) {
                        socket.emit("message-back", event.args().valueStream().toArray(JsonNode[]::new));
                    } else {
                        socket.emitBinary("message-back", event.args(), event.attachments());
                    }
                }
                case "message-with-ack" -> event.ack().ifPresent(ack -> {
                    if (event.attachments().isEmpty()) {
                        ack.send(event.args().valueStream().toArray(JsonNode[]::new));
                    } else {
                        ack.sendBinary(event.args(), event.attachments());
                    }
                });
                default -> { }
            }
        }
    }
}
