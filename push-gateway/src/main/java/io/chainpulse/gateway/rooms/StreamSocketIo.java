package io.chainpulse.gateway.rooms;

import io.chainpulse.gateway.GatewayConfig;
import io.chainpulse.gateway.auth.ConnectionRateLimiter;
import io.chainpulse.gateway.auth.OriginPolicy;
import io.chainpulse.gateway.feed.StreamFrame;
import io.chainpulse.gateway.replay.KafkaReplayer;
import io.chainpulse.gateway.session.Channels;
import io.chainpulse.socketio.Admission;
import io.chainpulse.socketio.SocketIoServer;
import io.chainpulse.socketio.SocketIoSettings;
import java.time.Duration;

/**
 * The gateway's Socket.IO server: the protocol module with the stream rooms as its only namespace, admitting the
 * gateway's origins at the gateway's connection rate. The server pings its own sessions.
 */
public final class StreamSocketIo {
    /** How long a client may stay connected to no namespace (the reference server's default). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(45);

    private StreamSocketIo() {}

    public static SocketIoServer create(GatewayConfig config, OriginPolicy origins, ConnectionRateLimiter rateLimiter,
            Channels<StreamFrame> channels, KafkaReplayer<StreamFrame> replayer) {
        SocketIoSettings settings = new SocketIoSettings(config.socketIo().pingInterval(),
                config.socketIo().pingTimeout(), config.maxInboundBytes(), config.maxQueuedBytes(),
                config.socketIo().maxRoomsPerSocket(), CONNECT_TIMEOUT);
        Admission admission = new Admission() {
            @Override
            public boolean originAllowed(String origin, String host) {
                return origins.allows(origin, host);
            }

            @Override
            public boolean connectionAllowed(String remoteAddress) {
                return rateLimiter.tryAcquire(remoteAddress);
            }
        };
        return new SocketIoServer(settings, admission).namespace("/", new StreamRooms(channels, replayer,
                rateLimiter::tryAcquire, config.socketIo().maxRoomsPerSocket()));
    }
}
