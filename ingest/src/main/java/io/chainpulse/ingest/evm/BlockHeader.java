package io.chainpulse.ingest.evm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The parts of a block ingest needs: identity, parent link and time. */
@JsonIgnoreProperties(ignoreUnknown = true)
record BlockHeader(String number, String hash, String parentHash, String timestamp) {
    long numberValue() {
        return Hex.toLong(number);
    }

    long timestampMillis() {
        return Hex.toLong(timestamp) * 1000;
    }
}
