package io.chainpulse.cli;

import io.chainpulse.ingest.rpc.RpcUrls;

/** What {@code ./chainpulse dev} prints once the stack is ready: every endpoint and a first thing to try on each. */
final class DevBanner {
    private DevBanner() {}

    static String text(DevState state, int gatewayPort, String ingestHttpPort, String processorHttpPort,
            String frontendUrl) {
        String origins = "*".equals(frontendUrl.trim())
                ? "any origin (FRONTEND_URL=*; set FRONTEND_URL=https://your.app to allow only that page)"
                : frontendUrl;
        return """

                ChainPulse dev stack is running.
                  Kafka:     %1$s
                  Chain:     %2$s (chain id %3$d), Droppio at %4$s
                  Gateway:   %5$s
                    Droppio overlay:   ws://localhost:%6$d/ws/overlay/{creatorId}?token=...
                    Droppio streamer:  ws://localhost:%6$d/ws/streamer/{creatorId}?token=<JWT>  (JWT_SECRET in .chainpulse/dev.json)
                    StellarStream:     Socket.IO at http://localhost:%6$d (path /socket.io/), contract %7$s
                    Test endpoints:    POST http://localhost:%6$d/api/test/test-stream | test-withdrawal | test-cancellation | test-tip
                    Browser origins:   %8$s
                  Metrics:   ingest http://localhost:%9$s/metrics /health, processor http://localhost:%10$s/metrics /health
                In another terminal:
                  ./chainpulse creators add --wallet 0x70997970c51812dc3a010c7d01b50e0d17dc79c8
                  ./chainpulse tip --to 0x70997970c51812dc3a010c7d01b50e0d17dc79c8 --amount 0.05
                  npx wscat -c "ws://localhost:%6$d/ws/overlay/<creatorId>?token=<overlayToken>"
                  curl -X POST localhost:%6$d/api/test/test-stream -H 'Content-Type: application/json' \\
                    -d '{"streamId":"test-stream-123","sender":"GDSENDER...","receiver":"GDRECEIVER...","amount":"1000000000"}'
                Real StellarStream contracts: restart with SOROBAN_RPC_URL=https://soroban-testnet.stellar.org \\
                  STELLARSTREAM_CONTRACT_IDS=C... ./chainpulse dev
                Ctrl-C stops everything.
                """.formatted(state.kafkaBootstrapServers(), RpcUrls.redact(state.rpcUrl()), state.chainId(), state.contractAddress(),
                state.gatewayUrl(), gatewayPort, state.stellarContractId(), origins, ingestHttpPort, processorHttpPort);
    }
}
