package io.chainpulse.processor.topology;

import static io.chainpulse.processor.topology.PipelineTopology.STREAMS_SINK;

import io.chainpulse.processor.dedupe.SeenLogs;
import io.chainpulse.processor.persist.Failures;
import io.chainpulse.processor.persist.TipLedger.LogId;
import io.chainpulse.processor.persist.TipLedger.Source;
import io.chainpulse.processor.persist.TipLedger.TipRow;
import io.chainpulse.processor.stellar.StreamEventHandler;
import io.chainpulse.processor.validate.DecodedLog;
import io.chainpulse.processor.validate.LogValidator;
import io.chainpulse.processor.validate.Rejection;
import io.chainpulse.processor.validate.Validation;
import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Routes each raw record to at most one published effect: Stellar events to the stream handler, Droppio logs
 * through validation and dedupe to the tip batch or the balance changes, refusals to the dead-letter topic with a
 * reason; nothing stops the pipeline. Outputs are forwarded only after PostgreSQL has the rows they announce, and
 * a commit is asked for as soon as something was published while the processor keeps up.
 */
final class RawEventProcessor implements Processor<String, byte[], String, SpecificRecord> {
    static final Duration FLUSH_CHECK_PERIOD = Duration.ofMillis(5); // how often the FlushPolicy is asked

    private final Topic<String, RawChainEvent> raw;
    private final LogValidator validator;
    private final StreamEventHandler streams;
    private final BalanceChanges balances;
    private final SharedTipBatch.PerThread batches;
    private final ProcessorMetrics metrics;
    private final Duration dedupeRetention;
    private ProcessorContext<String, SpecificRecord> context;
    private SeenLogs seen;
    private PendingTips pending;
    private SharedTipBatch shared;
    private SharedTipBatch.Lane lane;
    private TaskOutputs outputs;

    /** @param streams applies StellarStream events; null refuses them */
    RawEventProcessor(Topic<String, RawChainEvent> raw, LogValidator validator, StreamEventHandler streams,
            BalanceChanges balances, SharedTipBatch.PerThread batches, ProcessorMetrics metrics,
            Duration dedupeRetention) {
        this.raw = raw;
        this.validator = validator;
        this.streams = streams;
        this.balances = balances;
        this.batches = batches;
        this.metrics = metrics;
        this.dedupeRetention = dedupeRetention;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = new SeenLogs(context.getStateStore(PipelineTopology.SEEN_LOGS_STORE), dedupeRetention);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, seen::forgetExpired);
        this.pending = new PendingTips(context.getStateStore(PipelineTopology.PENDING_TIPS_STORE));
        this.shared = batches.current();
        this.lane = shared.join();
        this.outputs = new TaskOutputs(context, raw.name(), shared.policy(), metrics);
        restorePending();
        // the policy bounds the wait a batch adds; a full batch is written at once from process()
        context.schedule(FLUSH_CHECK_PERIOD, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (shared.due(now)) {
                flushTips();
            } else {
                publishWritten();
            }
            outputs.commitIfPublished();
        });
    }

    /** Tips a crashed predecessor accepted but did not flush: decoded again and written first. */
    private void restorePending() {
        for (PendingTips.Restored restored : pending.restore()) {
            RawChainEvent event = raw.valueSerde().deserializer().deserialize(raw.name(), restored.rawValue());
            if (validator.validate(event) instanceof Validation.Accepted accepted
                    && accepted.log() instanceof DecodedLog.TipSent tip) {
                TipRow row = OutputRecords.tipRow(event, tip, new Source(restored.partition(), restored.offset()));
                lane.add(new PendingTips.Pending(restored.rawKey(), restored.rawValue(), restored.timestamp(), row,
                        restored.sequence()), context.currentSystemTimeMs());
            } else {
                pending.forget(restored.sequence());
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        publishWritten();
        handle(record);
        outputs.commitIfPublished();
    }

    private void handle(Record<String, byte[]> record) {
        metrics.recordsIn.increment();
        RawChainEvent event;
        try {
            event = raw.valueSerde().deserializer().deserialize(raw.name(), record.value());
            if (event == null) {
                throw new IllegalArgumentException("record has no value");
            }
            if (EventOrigin.parse(event.getOrigin()).isEmpty()) {
                throw new IllegalArgumentException("origin " + event.getOrigin() + " is neither CHAIN nor TEST");
            }
        } catch (RuntimeException e) {
            outputs.deadLetter(record, new Rejection(Rejection.Reason.UNREADABLE_RECORD, e.getMessage()));
            return;
        }
        shared.policy().observeLag(context.currentSystemTimeMs() - event.getIngestedAt());
        try {
            if (streams != null && ChainKinds.STELLAR.equals(event.getChain())) {
                applyStream(record, event);
                return;
            }
            switch (validator.validate(event)) {
                case Validation.Rejected rejected -> outputs.deadLetter(record, rejected.rejection());
                case Validation.Accepted accepted -> apply(record, event, accepted.log());
            }
        } catch (RuntimeException e) {
            if (Failures.isRetriable(e)) {
                throw e;
            }
            outputs.deadLetter(record, new Rejection(Rejection.Reason.PERSISTENCE_REJECTED, e.toString()));
        }
    }

    /** StellarStream events: persisted once by event id in PostgreSQL, then forwarded keyed by address. */
    private void applyStream(Record<String, byte[]> record, RawChainEvent event) {
        switch (streams.handle(event, outputs.source())) {
            case StreamEventHandler.Outcome.Refuse refuse -> outputs.deadLetter(record, refuse.rejection());
            case StreamEventHandler.Outcome.Publish publish -> publish.events().forEach(streamEvent ->
                    outputs.forward(new Record<>(streamEvent.getAddress(), streamEvent, record.timestamp()), STREAMS_SINK));
        }
    }

    private void apply(Record<String, byte[]> record, RawChainEvent event, DecodedLog decoded) {
        LogId id = new LogId(event.getChainId(), event.getTxHash(), event.getLogIndex());
        if (event.getRemoved() || decoded instanceof DecodedLog.Withdraw) {
            flushTips(); // reverts and withdrawals change balances: what was accepted before them is written first
        }
        if (event.getRemoved() != seen.contains(id)) {
            // a copy of an applied log, or the revert of a log never applied (or already reverted)
            metrics.duplicatesDropped.increment();
            return;
        }
        if (event.getRemoved()) {
            outputs.emit(balances.revert(event, id, decoded, outputs.source(), record.timestamp()));
            seen.forget(id);
            return;
        }
        switch (decoded) {
            case DecodedLog.TipSent tip -> {
                seen.remember(id, context.currentSystemTimeMs());
                TipRow row = OutputRecords.tipRow(event, tip, outputs.source());
                lane.add(pending.add(record.key(), record.value(), record.timestamp(), row),
                        context.currentSystemTimeMs());
                if (shared.size() >= shared.policy().maxBatch()) {
                    flushTips();
                }
                return;
            }
            case DecodedLog.Withdraw withdraw ->
                    outputs.emit(balances.withdraw(event, id, withdraw, outputs.source(), record.timestamp()));
        }
        seen.remember(id, context.currentSystemTimeMs());
        metrics.processingLagMs.record(Math.max(0, System.currentTimeMillis() - event.getIngestedAt()));
    }

    /** Writes every task's waiting tips (of this thread); the others publish theirs at their next turn. */
    private void flushTips() {
        shared.flush();
        publishWritten();
    }

    private void publishWritten() {
        for (BatchOutcome outcome : lane.takeWritten()) {
            outcome.tips().forEach(tip -> pending.forget(tip.sequence()));
            outputs.emit(outcome.outputs(metrics));
        }
    }

    /** Tips not yet published stay in the pending store; whoever owns this task next writes and publishes them. */
    @Override
    public void close() {
        lane.leave();
    }
}
