package io.chainpulse.ingest.evm;

import io.chainpulse.schemas.ChainKinds;

import io.chainpulse.schemas.raw.RawChainEvent;
import java.util.Locale;

/** Turns a JSON-RPC log into the raw wire record; the key is (chain, chainId, txHash, logIndex). */
final class EvmLogMapper {
    private final String chainId;

    EvmLogMapper(long chainId) {
        this.chainId = Long.toString(chainId);
    }

    RawChainEvent toRaw(RpcLog log, long blockTimestampMillis, boolean removed) {
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.EVM)
                .setChainId(chainId)
                .setContractAddress(log.address().toLowerCase(Locale.ROOT))
                .setBlockNumber(log.blockNumberValue())
                .setBlockHash(log.blockHash())
                .setBlockTimestamp(blockTimestampMillis)
                .setTxHash(log.transactionHash().toLowerCase(Locale.ROOT))
                .setLogIndex(log.logIndexValue())
                .setTopics(log.topics())
                .setData(log.data())
                .setRemoved(removed)
                .setEventId(null)
                .setOrigin("CHAIN")
                .setIngestedAt(System.currentTimeMillis())
                .build();
    }

    static String key(RawChainEvent event) {
        return "evm:" + event.getChainId() + ":" + event.getTxHash() + ":" + event.getLogIndex();
    }
}
