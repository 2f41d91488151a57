package io.chainpulse.ingest.stellar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One event as Soroban RPC getEvents returns it (base64 XDR format): topics and value stay XDR. */
@JsonIgnoreProperties(ignoreUnknown = true)
record RpcEvent(
        String type,
        long ledger,
        String ledgerClosedAt,
        String contractId,
        String id,
        String txHash,
        List<String> topic,
        String value,
        Boolean inSuccessfulContractCall) {

    /** Events of a failed contract call change nothing on chain; older RPCs still returned them. */
    boolean fromSuccessfulCall() {
        return inSuccessfulContractCall == null || inSuccessfulContractCall;
    }
}
