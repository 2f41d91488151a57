package io.chainpulse.ingest.stellar;

import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.time.Instant;

/**
 * Turns a getEvents event into the raw wire record: topics and value stay base64 XDR, the event id is the
 * dedupe identity, the ledger stands in for the block and its close time for the block time.
 */
final class SorobanEventMapper {
    private final String chainId;

    /** @param chainId hex SHA-256 of the network passphrase (the Stellar network id) */
    SorobanEventMapper(String chainId) {
        this.chainId = chainId;
    }

    RawChainEvent toRaw(RpcEvent event) {
        EventId id = EventId.parse(event.id());
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.STELLAR)
                .setChainId(chainId)
                .setContractAddress(event.contractId())
                .setBlockNumber(event.ledger())
                // getEvents does not report ledger hashes; Soroban ledgers are final once closed
                .setBlockHash("")
                .setBlockTimestamp(Instant.parse(event.ledgerClosedAt()).toEpochMilli())
                .setTxHash(event.txHash())
                .setLogIndex(Math.toIntExact(id.index()))
                .setTopics(event.topic())
                .setData(event.value())
                .setRemoved(false)
                .setEventId(event.id())
                .setOrigin("CHAIN")
                .setIngestedAt(System.currentTimeMillis())
                .build();
    }
}
