package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.Failures;
import io.chainpulse.processor.persist.RetryingDatabase;
import io.chainpulse.processor.persist.TipBatchWriter;
import io.chainpulse.processor.persist.TipLedger;
import io.chainpulse.processor.persist.TipLedger.LogId;
import io.chainpulse.processor.persist.TipLedger.Source;
import io.chainpulse.processor.stellar.StreamEventHandler;
import io.chainpulse.processor.validate.DecodedLog;
import io.chainpulse.processor.validate.LogValidator;
import io.chainpulse.processor.validate.Rejection;
import io.chainpulse.processor.validate.Validation;
import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.EthAmounts;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.balance.BalanceEvent;
import io.chainpulse.schemas.deadletter.DeadLetter;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.tip.TipEvent;
import io.chainpulse.schemas.TipEventTypes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each raw record into at most one published effect: validates and decodes it, drops a log already
 * seen (state store keyed by chain, txHash and logIndex, backed by the unique key in PostgreSQL), writes it to
 * PostgreSQL, and only then forwards the tip, balance or revert events. Refused records go to the dead-letter
 * topic with a reason; nothing stops the pipeline.
 */
final class RawEventProcessor implements Processor<String, byte[], String, SpecificRecord>, SharedTipBatch.Owner {
    private static final Logger log = LoggerFactory.getLogger(RawEventProcessor.class);
    /** How often waiting tips are checked against the {@link FlushPolicy}. */
    static final Duration FLUSH_CHECK_PERIOD = Duration.ofMillis(5);

    private final Topics topics;
    private final LogValidator validator;
    private final TipLedger ledger;
    private final StreamEventHandler streams;
    private final ProcessorMetrics metrics;
    private final Duration retention;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> seen;
    private PendingTips pending;
    private SharedTipBatch shared;
    private final java.util.ArrayDeque<Runnable> readyToPublish = new java.util.ArrayDeque<>();
    private final TipBatchWriter batchWriter;
    private boolean publishedSinceCommit;

    RawEventProcessor(Topics topics, LogValidator validator, TipLedger ledger, StreamEventHandler streams,
            ProcessorMetrics metrics, Duration retention, TipBatchWriter batchWriter) {
        this.batchWriter = batchWriter;
        this.topics = topics;
        this.validator = validator;
        this.ledger = ledger;
        this.streams = streams;
        this.metrics = metrics;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(PipelineTopology.SEEN_LOGS_STORE);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetExpired);
        this.pending = new PendingTips(context.getStateStore(PipelineTopology.PENDING_TIPS_STORE));
        this.shared = SharedTipBatch.ofCurrentThread();
        restorePending();
        // the policy bounds the wait a batch adds; a full batch is written at once from process()
        context.schedule(FLUSH_CHECK_PERIOD, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (shared.due(now)) {
                flushTips();
            } else {
                publishWritten();
            }
            commitIfPublished();
        });
    }

    /** Tips a crashed predecessor accepted but did not flush: decoded again and written first. */
    private void restorePending() {
        for (PendingTips.Restored restored : pending.restore()) {
            RawChainEvent event = topics.raw().valueSerde().deserializer().deserialize(topics.raw().name(), restored.rawValue());
            if (validator.validate(event) instanceof Validation.Accepted accepted
                    && accepted.log() instanceof DecodedLog.TipSent tip) {
                shared.add(this, new PendingTips.Pending(restored.rawKey(), restored.rawValue(), restored.timestamp(),
                        tipRow(event, tip, new Source(restored.partition(), restored.offset())), restored.sequence()),
                        context.currentSystemTimeMs());
            } else {
                pending.forget(restored.sequence());
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        publishWritten();
        handle(record);
        commitIfPublished();
    }

    private void handle(Record<String, byte[]> record) {
        metrics.recordsIn.increment();
        RawChainEvent event;
        try {
            event = topics.raw().valueSerde().deserializer().deserialize(topics.raw().name(), record.value());
            if (event == null) {
                throw new IllegalArgumentException("record has no value");
            }
        } catch (RuntimeException e) {
            deadLetter(record, new Rejection(Rejection.Reason.UNREADABLE_RECORD, e.getMessage()));
            return;
        }
        shared.policy().observeLag(context.currentSystemTimeMs() - event.getIngestedAt());
        if (streams != null && ChainKinds.STELLAR.equals(event.getChain())) {
            applyStream(record, event);
            return;
        }
        switch (validator.validate(event)) {
            case Validation.Rejected rejected -> deadLetter(record, rejected.rejection());
            case Validation.Accepted accepted -> {
                try {
                    apply(record, event, accepted.log());
                } catch (RuntimeException e) {
                    if (Failures.isRetriable(e)) {
                        throw e;
                    }
                    deadLetter(record, new Rejection(Rejection.Reason.PERSISTENCE_REJECTED, e.toString()));
                }
            }
        }
    }

    /** Every output goes through here, so a commit can follow it. */
    private void forward(Record<String, SpecificRecord> record, String sink) {
        context.forward(record, sink);
        publishedSinceCommit = true;
    }

    /**
     * Output becomes visible to read_committed readers when the transaction commits: while the processor keeps up,
     * it asks for a commit as soon as something was published instead of waiting for the commit interval.
     */
    private void commitIfPublished() {
        if (publishedSinceCommit && shared.policy().commitEagerly()) {
            context.commit();
        }
        publishedSinceCommit = false;
    }

    /** StellarStream events: persisted once by event id in PostgreSQL, then forwarded keyed by address. */
    private void applyStream(Record<String, byte[]> record, RawChainEvent event) {
        try {
            switch (streams.handle(event, source())) {
                case StreamEventHandler.Outcome.Refuse refuse -> deadLetter(record, refuse.rejection());
                case StreamEventHandler.Outcome.Publish publish -> publish.events().forEach(streamEvent -> forward(
                        record.withKey(streamEvent.getAddress()).withValue((SpecificRecord) streamEvent)
                                .withHeaders(new RecordHeaders()), PipelineTopology.STREAMS_SINK));
            }
        } catch (RuntimeException e) {
            if (Failures.isRetriable(e)) {
                throw e;
            }
            deadLetter(record, new Rejection(Rejection.Reason.PERSISTENCE_REJECTED, e.toString()));
        }
    }

    private void apply(Record<String, byte[]> record, RawChainEvent event, DecodedLog decoded) {
        LogId id = new LogId(event.getChainId(), event.getTxHash(), event.getLogIndex());
        String seenKey = id.chainId() + ":" + id.txHash() + ":" + id.logIndex();
        if (event.getRemoved() || decoded instanceof DecodedLog.Withdraw) {
            // reverts and withdrawals change balances: everything accepted before them is written first
            flushTips();
        }
        if (event.getRemoved()) {
            if (seen.get(seenKey) == null) {
                metrics.duplicatesDropped.increment();
                return;
            }
            revert(record, event, id, decoded);
            seen.delete(seenKey);
            return;
        }
        if (seen.get(seenKey) != null) {
            metrics.duplicatesDropped.increment();
            return;
        }
        Source source = source();
        switch (decoded) {
            case DecodedLog.TipSent tip -> {
                seen.put(seenKey, context.currentSystemTimeMs());
                shared.add(this, pending.add(record.key(), record.value(), record.timestamp(), tipRow(event, tip, source)),
                        context.currentSystemTimeMs());
                if (shared.size() >= shared.policy().maxBatch()) {
                    flushTips();
                }
                return;
            }
            case DecodedLog.Withdraw withdraw -> persistWithdraw(record, event, id, withdraw, source);
        }
        seen.put(seenKey, context.currentSystemTimeMs());
        metrics.processingLagMs.record(Math.max(0, System.currentTimeMillis() - event.getIngestedAt()));
    }

    private TipLedger.TipRow tipRow(RawChainEvent event, DecodedLog.TipSent tip, Source source) {
        return new TipLedger.TipRow(new LogId(event.getChainId(), event.getTxHash(), event.getLogIndex()),
                event.getContractAddress(), event.getBlockNumber(), event.getBlockHash(), event.getBlockTimestamp(),
                tip.from(), tip.to(), tip.amountWei(), tip.sessionId(), source);
    }

    /**
     * Writes the tips waiting on this stream thread (every task's) in one transaction, then publishes this task's
     * written tips; other tasks publish theirs at their next punctuation or record.
     */
    private void flushTips() {
        shared.flush(batchWriter);
        publishWritten();
    }

    @Override
    public void written(List<PendingTips.Pending> batch, List<Optional<TipLedger.TipOutcome>> outcomes,
            Map<String, BigInteger> balances, String failure) {
        readyToPublish.add(() -> publish(batch, outcomes, balances, failure));
    }

    private void publishWritten() {
        Runnable next;
        while ((next = readyToPublish.poll()) != null) {
            next.run();
        }
    }

    /** Publishes written tips in arrival order, then one balance per wallet; refused rows become dead letters. */
    private void publish(List<PendingTips.Pending> batch, List<Optional<TipLedger.TipOutcome>> outcomes,
            Map<String, BigInteger> balances, String failure) {
        Map<String, PendingTips.Pending> lastPerWallet = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            PendingTips.Pending tip = batch.get(i);
            pending.forget(tip.sequence());
            Optional<TipLedger.TipOutcome> outcome = outcomes.get(i);
            if (outcome == null) {
                deadLetter(new Record<>(tip.rawKey(), tip.rawValue(), tip.timestamp()),
                        new Rejection(Rejection.Reason.PERSISTENCE_REJECTED, failure));
                continue;
            }
            if (outcome.isEmpty()) {
                metrics.duplicatesDropped.increment();
                continue;
            }
            metrics.tipsPersisted.increment();
            TipLedger.TipRow row = tip.row();
            lastPerWallet.put(row.toWallet(), tip);
            if (outcome.get().creatorId().isEmpty()) {
                metrics.tipsToUnregisteredWallets.increment();
                continue;
            }
            TipEvent tipEvent = tipEvent(TipEventTypes.TIP_SENT, outcome.get().creatorId().get(), row, outcome.get().tipMode());
            forward(new Record<String, SpecificRecord>(tipEvent.getCreatorId(), tipEvent, tip.timestamp()),
                    PipelineTopology.TIPS_SINK);
        }
        if (!lastPerWallet.isEmpty()) {
            Map<String, Optional<UUID>> creators = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                Optional<TipLedger.TipOutcome> outcome = outcomes.get(i);
                if (outcome != null && outcome.isPresent()) {
                    creators.put(batch.get(i).row().toWallet(), outcome.get().creatorId());
                }
            }
            lastPerWallet.forEach((wallet, tip) -> {
                BalanceEvent update = BalanceEvent.newBuilder()
                        .setChainId(tip.row().id().chainId())
                        .setAddress(wallet)
                        .setCreatorId(creators.getOrDefault(wallet, Optional.empty()).map(UUID::toString).orElse(null))
                        .setNewBalance(balances.getOrDefault(wallet, BigInteger.ZERO).toString())
                        .setReason("TIP")
                        .setTxHash(tip.row().id().txHash())
                        .setBlockTimestamp(tip.row().blockTimeMillis())
                        .build();
                forward(new Record<String, SpecificRecord>(wallet, update, tip.timestamp()),
                        PipelineTopology.BALANCES_SINK);
            });
        }
    }

    @Override
    public void close() {
        // tips not yet published stay in the pending store; whoever owns this task next writes and publishes them
        shared.remove(this);
        readyToPublish.clear();
    }

    private TipEvent tipEvent(String type, UUID creatorId, TipLedger.TipRow row, String tipMode) {
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
                .build();
    }

    private void persistWithdraw(Record<String, byte[]> record, RawChainEvent event, LogId id,
            DecodedLog.Withdraw withdraw, Source source) {
        var row = new TipLedger.WithdrawRow(id, event.getContractAddress(), event.getBlockNumber(),
                event.getBlockHash(), event.getBlockTimestamp(), withdraw.creator(), withdraw.amountWei(), source);
        boolean publish = RetryingDatabase.call("persisting withdrawal " + id, () -> ledger.recordWithdraw(row));
        if (!publish) {
            metrics.duplicatesDropped.increment();
            return;
        }
        metrics.withdrawalsPersisted.increment();
        publishBalance(record, event, withdraw.creator(),
                RetryingDatabase.call("finding creator", () -> ledger.creatorOf(withdraw.creator())), "WITHDRAW");
    }

    private void revert(Record<String, byte[]> record, RawChainEvent event, LogId id, DecodedLog decoded) {
        metrics.reverted.increment();
        switch (decoded) {
            case DecodedLog.TipSent tip -> {
                Optional<TipLedger.StoredTip> stored = RetryingDatabase.call("reverting tip " + id, () -> ledger.revertTip(id));
                if (stored.isPresent() && stored.get().creatorId().isPresent()) {
                    TipLedger.StoredTip tipRow = stored.get();
                    TipEvent reverted = tipEvent(TipEventTypes.TIP_REVERTED, tipRow.creatorId().get(), tipRow.toWallet(),
                            tipRow.fromWallet(), tipRow.amountWei(), event, tipRow.sessionId(), tipRow.tipMode());
                    forward(record.withKey(reverted.getCreatorId()).withValue((SpecificRecord) reverted)
                            .withHeaders(new RecordHeaders()), PipelineTopology.TIPS_SINK);
                }
                publishBalance(record, event, tip.to(), stored.flatMap(TipLedger.StoredTip::creatorId), "TIP_REVERTED");
            }
            case DecodedLog.Withdraw withdraw -> {
                RetryingDatabase.call("reverting withdrawal " + id, () -> ledger.revertWithdraw(id));
                publishBalance(record, event, withdraw.creator(),
                        RetryingDatabase.call("finding creator", () -> ledger.creatorOf(withdraw.creator())),
                        "WITHDRAW_REVERTED");
            }
        }
    }

    private void publishBalance(Record<String, byte[]> record, RawChainEvent event, String wallet,
            Optional<UUID> creatorId, String reason) {
        BigInteger balance = RetryingDatabase.call("reading balance of " + wallet, () -> ledger.balanceOf(wallet));
        BalanceEvent update = BalanceEvent.newBuilder()
                .setChainId(event.getChainId())
                .setAddress(wallet)
                .setCreatorId(creatorId.map(UUID::toString).orElse(null))
                .setNewBalance(balance.toString())
                .setReason(reason)
                .setTxHash(event.getTxHash())
                .setBlockTimestamp(event.getBlockTimestamp())
                .build();
        forward(record.withKey(wallet).withValue((SpecificRecord) update).withHeaders(new RecordHeaders()),
                PipelineTopology.BALANCES_SINK);
    }

    private TipEvent tipEvent(String type, UUID creatorId, String creatorWallet, String tipper, BigInteger wei,
            RawChainEvent event, String sessionId, String tipMode) {
        return TipEvent.newBuilder()
                .setType(type)
                .setCreatorId(creatorId.toString())
                .setCreatorWallet(creatorWallet)
                .setTipperAddress(tipper)
                .setAmountWei(wei.toString())
                .setAmountEth(EthAmounts.toEth(wei))
                .setChainId(event.getChainId())
                .setTxHash(event.getTxHash())
                .setLogIndex(event.getLogIndex())
                .setBlockNumber(event.getBlockNumber())
                .setBlockTimestamp(event.getBlockTimestamp())
                .setSessionId(sessionId)
                .setTipMode(tipMode)
                .setProcessedAt(System.currentTimeMillis())
                .build();
    }

    private Source source() {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        return new Source(metadata.partition(), metadata.offset());
    }

    private void deadLetter(Record<String, byte[]> record, Rejection rejection) {
        metrics.deadLetter(rejection.reason());
        Optional<RecordMetadata> metadata = context.recordMetadata();
        String topic = metadata.map(RecordMetadata::topic).orElse(topics.raw().name());
        int partition = metadata.map(RecordMetadata::partition).orElse(-1);
        long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
        log.warn("dead letter {} from {}-{}@{}: {}", rejection.reason(), topic, partition, offset, rejection.detail());
        DeadLetter letter = DeadLetter.newBuilder()
                .setReason(rejection.reason().name())
                .setDetail(rejection.detail() == null ? "" : rejection.detail())
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setRawKey(record.key() == null ? null : java.nio.ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setRawValue(record.value() == null ? null : java.nio.ByteBuffer.wrap(record.value()))
                .setFailedAt(System.currentTimeMillis())
                .build();
        RecordHeaders headers = new RecordHeaders();
        headers.add("reason", rejection.reason().name().getBytes(StandardCharsets.UTF_8));
        forward(record.withValue((SpecificRecord) letter).withHeaders(headers), PipelineTopology.DEAD_LETTERS_SINK);
    }

    private void forgetExpired(long now) {
        long cutoff = now - retention.toMillis();
        try (var all = seen.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                if (entry.value < cutoff) {
                    seen.delete(entry.key);
                }
            }
        }
    }
}
