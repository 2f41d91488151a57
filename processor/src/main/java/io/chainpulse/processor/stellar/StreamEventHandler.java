package io.chainpulse.processor.stellar;

import io.chainpulse.processor.persist.RetryingDatabase;
import io.chainpulse.processor.persist.TipLedger.Source;
import io.chainpulse.processor.stellar.StreamLedger.Applied;
import io.chainpulse.processor.stellar.StreamLedger.EventRef;
import io.chainpulse.processor.stellar.StreamLedger.StreamRow;
import io.chainpulse.processor.validate.Rejection;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.stream.StreamEvent;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one raw StellarStream event: a creation becomes {@code new-stream} ACTIVE for sender and receiver, a
 * cancellation {@code new-stream} CANCELED with amount = total − to_sender for both, a withdrawal a
 * {@code balance-update} of the receiver's total withdrawn. Each event applies once, by its event id; events of
 * other contracts are refused. Thread-safe.
 */
public final class StreamEventHandler {
    public static final String NEW_STREAM = "new-stream";
    public static final String BALANCE_UPDATE = "balance-update";
    private static final Logger log = LoggerFactory.getLogger(StreamEventHandler.class);

    private final Set<String> contracts;
    private final StreamLedger ledger;
    private final StreamMetrics metrics;
    private final StreamEventDecoder decoder = new StreamEventDecoder();
    private final StreamEventDecoder testDecoder = StreamEventDecoder.forTestEvents();

    public StreamEventHandler(Set<String> contracts, StreamLedger ledger, StreamMetrics metrics) {
        this.contracts = Set.copyOf(contracts);
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** The outcome for one raw event: stream events to publish (possibly none), or a refusal for the dead letters. */
    public sealed interface Outcome {
        record Publish(List<StreamEvent> events) implements Outcome {}

        record Refuse(Rejection rejection) implements Outcome {}
    }

    public Outcome handle(RawChainEvent event, Source source) {
        if (!contracts.contains(event.getContractAddress())) {
            return refuse(Rejection.Reason.UNKNOWN_CONTRACT,
                    "contract " + event.getContractAddress() + " is not a configured StellarStream contract");
        }
        if (event.getEventId() == null || event.getEventId().isBlank()) {
            return refuse(Rejection.Reason.UNDECODABLE, "Stellar event without an RPC event id");
        }
        if (event.getRemoved()) {
            // Soroban ledgers are final: nothing ever orphans a Stellar event
            return new Outcome.Publish(List.of());
        }
        EventRef ref = new EventRef(event.getChainId(), event.getEventId(), event.getContractAddress(),
                event.getBlockNumber(), event.getBlockTimestamp(), event.getTxHash(),
                EventOrigin.valueOf(event.getOrigin()));
        // only what the test endpoints wrote may carry placeholder addresses; contract events stay strict
        StreamEventDecoder decoding = ref.origin() == EventOrigin.TEST ? testDecoder : decoder;
        return switch (decoding.decode(event.getTopics(), event.getData())) {
            case StreamEventDecoder.Decoding.Undecodable undecodable ->
                    refuse(Rejection.Reason.UNDECODABLE, "not a StellarStream event: " + undecodable.reason());
            case StreamEventDecoder.Decoding.Decoded decoded -> apply(ref, event, decoded.action(), source);
        };
    }

    private Outcome apply(EventRef ref, RawChainEvent event, StreamAction action, Source source) {
        String what = "applying stream event " + ref.eventId();
        return switch (action) {
            case StreamAction.Created created -> {
                Applied applied = RetryingDatabase.call(what, () -> ledger.create(ref, created, source));
                if (!published(applied)) {
                    yield nothing();
                }
                metrics.created.increment();
                StreamRow stream = applied.stream().orElseThrow();
                yield newStream(ref, stream, stream.total(), "ACTIVE");
            }
            case StreamAction.Claimed claimed -> {
                Applied applied = RetryingDatabase.call(what, () -> ledger.claim(ref, claimed, source));
                if (!published(applied)) {
                    yield nothing();
                }
                metrics.withdrawals.increment();
                BigInteger withdrawn = applied.stream().map(StreamRow::withdrawn).orElse(claimed.withdrawnTotal());
                String receiver = applied.stream().map(StreamRow::receiver).orElse(claimed.receiver());
                yield new Outcome.Publish(List.of(base(ref, claimed.streamId(), receiver)
                        .setEvent(BALANCE_UPDATE).setNewBalance(withdrawn.toString()).build()));
            }
            case StreamAction.Canceled canceled -> {
                Applied applied = RetryingDatabase.call(what, () -> ledger.cancel(ref, canceled, source));
                if (!published(applied)) {
                    yield nothing();
                }
                metrics.cancellations.increment();
                if (applied.stream().isEmpty()) {
                    metrics.unknownStreams.increment();
                    log.warn("cancellation {} of stream {} on {} whose creation was never seen; stored, not published",
                            ref.eventId(), canceled.streamId(), ref.contractId());
                    yield nothing();
                }
                StreamRow stream = applied.stream().get();
                yield newStream(ref, stream, stream.total().subtract(canceled.toSender()), "CANCELED");
            }
            case StreamAction.Other other -> {
                boolean first = RetryingDatabase.call("storing uninterpreted stream event " + ref.eventId(),
                        () -> ledger.storeUninterpreted(ref, other.action(), event.getTopics(), event.getData()));
                if (first) {
                    metrics.uninterpretedActions.increment();
                }
                yield nothing();
            }
        };
    }

    private boolean published(Applied applied) {
        if (!applied.publish()) {
            metrics.replaysDropped.increment();
        }
        return applied.publish();
    }

    /** One {@code new-stream} record per distinct party, each keyed by its address. */
    private static Outcome newStream(EventRef ref, StreamRow stream, BigInteger amount, String status) {
        Set<String> parties = new LinkedHashSet<>(List.of(stream.sender(), stream.receiver()));
        return new Outcome.Publish(parties.stream().map(address -> base(ref, stream.streamId(), address)
                .setEvent(NEW_STREAM).setSender(stream.sender()).setReceiver(stream.receiver())
                .setAmount(amount.toString()).setStatus(status).build()).toList());
    }

    private static StreamEvent.Builder base(EventRef ref, String streamId, String address) {
        return StreamEvent.newBuilder()
                .setAddress(address)
                .setStreamId(streamId)
                .setContractId(ref.contractId())
                .setTimestamp(ref.ledgerTimeMillis())
                .setEventId(ref.eventId())
                .setTxHash(ref.txHash())
                .setOrigin(ref.origin().name());
    }

    private static Outcome nothing() {
        return new Outcome.Publish(List.of());
    }

    private static Outcome refuse(Rejection.Reason reason, String detail) {
        return new Outcome.Refuse(new Rejection(reason, detail));
    }
}
