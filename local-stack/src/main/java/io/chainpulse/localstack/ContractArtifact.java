package io.chainpulse.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A contract compiled by scripts/compile-contracts.mjs: its name and creation bytecode. */
public record ContractArtifact(String contractName, String bytecode) {

    public static ContractArtifact load(String contractName) {
        Path file = RepoRoot.find().resolve("contracts/build/" + contractName + ".json");
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            return new ContractArtifact(json.get("contractName").asText(), json.get("bytecode").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read compiled contract " + file, e);
        }
    }
}
