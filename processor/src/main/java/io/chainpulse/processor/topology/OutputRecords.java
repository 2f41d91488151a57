package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.TipLedger.LogId;
import io.chainpulse.processor.persist.TipLedger.Source;
import io.chainpulse.processor.persist.TipLedger.TipRow;
import io.chainpulse.processor.validate.DecodedLog;
import io.chainpulse.processor.validate.Rejection;
import io.chainpulse.schemas.EthAmounts;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.balance.BalanceEvent;
import io.chainpulse.schemas.deadletter.DeadLetter;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.tip.TipEvent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** Builds the tip rows written to PostgreSQL and the values of the output topics, each in one place. Pure. */
final class OutputRecords {
    private OutputRecords() {}

    /** The row a decoded TipSent log becomes, read from {@code source}. */
    static TipRow tipRow(RawChainEvent event, DecodedLog.TipSent tip, Source source) {
        return new TipRow(new LogId(event.getChainId(), event.getTxHash(), event.getLogIndex()),
                event.getContractAddress(), event.getBlockNumber(), event.getBlockHash(), event.getBlockTimestamp(),
                tip.from(), tip.to(), tip.amountWei(), tip.sessionId(), source, EventOrigin.valueOf(event.getOrigin()));
    }

    /** A tip event for a registered creator; the row gives the log, the block and the amounts. */
    static TipEvent tipEvent(String type, UUID creatorId, TipRow row, String tipMode) {
        return TipEvent.newBuilder()
                .setType(type)
                .setCreatorId(creatorId.toString())
                .setCreatorWallet(row.toWallet())
                .setTipperAddress(row.fromWallet())
                .setAmountWei(row.amountWei().toString())
                .setAmountEth(EthAmounts.toEth(row.amountWei()))
                .setChainId(row.id().chainId())
                .setTxHash(row.id().txHash())
                .setLogIndex(row.id().logIndex())
                .setBlockNumber(row.blockNumber())
                .setBlockTimestamp(row.blockTimeMillis())
                .setSessionId(row.sessionId())
                .setTipMode(tipMode)
                .setProcessedAt(System.currentTimeMillis())
                .setOrigin(row.origin().name())
                .build();
    }

    /**
     * A wallet's balance after the change named by {@code reason} (TIP, WITHDRAW, TIP_REVERTED, …); {@code origin}
     * TEST when only test events caused it (the balance is then the unchanged real one).
     */
    static BalanceEvent balanceEvent(String chainId, String wallet, Optional<UUID> creatorId, BigInteger balance,
            String reason, String txHash, long blockTimeMillis, EventOrigin origin) {
        return BalanceEvent.newBuilder()
                .setChainId(chainId)
                .setAddress(wallet)
                .setCreatorId(creatorId.map(UUID::toString).orElse(null))
                .setNewBalance(balance.toString())
                .setReason(reason)
                .setTxHash(txHash)
                .setBlockTimestamp(blockTimeMillis)
                .setOrigin(origin.name())
                .build();
    }

    /** A refused raw record, kept whole, with where it was read. */
    static DeadLetter deadLetter(Rejection rejection, String topic, int partition, long offset, String rawKey,
            byte[] rawValue) {
        return DeadLetter.newBuilder()
                .setReason(rejection.reason().name())
                .setDetail(rejection.detail() == null ? "" : rejection.detail())
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setRawKey(rawKey == null ? null : ByteBuffer.wrap(rawKey.getBytes(StandardCharsets.UTF_8)))
                .setRawValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
                .setFailedAt(System.currentTimeMillis())
                .build();
    }
}
