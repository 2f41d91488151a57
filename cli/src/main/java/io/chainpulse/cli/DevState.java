package io.chainpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a running dev stack tells the other commands (creators, tip): where its chain, contract and broker
 * are. Written to {@code .chainpulse/dev.json} at the repository root.
 */
public record DevState(String rpcUrl, String contractAddress, long chainId, String kafkaBootstrapServers,
        String gatewayUrl, String doubleTipperAddress) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Path root) {
        return root.resolve(".chainpulse").resolve("dev.json");
    }

    void write(Path root) {
        try {
            Files.createDirectories(file(root).getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file(root).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(root), e);
        }
    }

    static Optional<DevState> read(Path root) {
        Path file = file(root);
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
