package io.chainpulse.socketio;

/**
 * What a session does with each Engine.IO packet from its client: pongs feed the heartbeat, messages go to Socket.IO,
 * the probe's ping and the upgrade move the session to its WebSocket, close ends it. An empty or unknown packet closes
 * the session.
 */
final class InboundPackets {
    private InboundPackets() {}

    static void receive(EngineSocket socket, EnginePackets.Inbound inbound, boolean viaProbe) {
        if (inbound.isBinary()) {
            if (!viaProbe) {
                socket.client().onBinary(inbound.binary());
            }
            return;
        }
        String packet = inbound.text();
        if (packet.isEmpty()) {
            socket.close(1008, "empty Engine.IO packet", false);
            return;
        }
        String data = packet.substring(1);
        switch (packet.charAt(0)) {
            case EnginePackets.PONG -> socket.pongReceived();
            case EnginePackets.MESSAGE -> {
                if (!viaProbe) {
                    socket.client().onText(data);
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
            case EnginePackets.CLOSE -> socket.close(1000, "client closed", true);
            case EnginePackets.NOOP -> { }
            default -> socket.close(1008, "unknown Engine.IO packet type", false);
        }
    }
}
