package io.chainpulse.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running dev stack tells the other commands (creators, tip, lag, streamer tokens) and its own next start:
 * where its chain, contracts and broker are, its StellarStream contract id, its JWT secret and its ingest sources.
 * Written to {@code .chainpulse/dev.json} at the repository root (the dev stack's data directory, unless
 * CHAINPULSE_DATA_DIR moves it: then it is written there, so a test's stack never replaces the developer's).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DevState(String rpcUrl, String contractAddress, long chainId, String kafkaBootstrapServers,
        String gatewayUrl, String doubleTipperAddress, String stellarContractId, String jwtSecret,
        List<String> ingestSourceIds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public DevState {
        ingestSourceIds = ingestSourceIds == null ? List.of() : List.copyOf(ingestSourceIds);
    }

    static Path file(Path root) {
        return root.resolve(".chainpulse").resolve("dev.json");
    }

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Optional<DevState> read(Path root) {
        return readFrom(file(root));
    }

    static Optional<DevState> readFrom(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), DevState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
