package io.chainpulse.ingest.evm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One log as eth_getLogs returns it, including {@code blockTimestamp} where the node sends it (anvil, recent
 * geth and reth do); web3j's own Log type drops that field, so ingest maps the JSON itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RpcLog(
        String address,
        List<String> topics,
        String data,
        String blockHash,
        String blockNumber,
        String blockTimestamp,
        String transactionHash,
        String logIndex,
        boolean removed) {

    long blockNumberValue() {
        return Hex.toLong(blockNumber);
    }

    int logIndexValue() {
        return (int) Hex.toLong(logIndex);
    }
}
