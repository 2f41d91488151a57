package io.chainpulse.schemas;

import io.chainpulse.schemas.balance.BalanceEvent;
import io.chainpulse.schemas.deadletter.DeadLetter;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.stream.StreamEvent;
import io.chainpulse.schemas.tip.TipEvent;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of ChainPulse topics, built once from a name prefix and passed to every app.
 *
 * @param raw raw chain events, key = dedupe key (chain:chainId:txHash:logIndex)
 * @param tips per-creator tip events, key = creatorId
 * @param balances balance updates, key = address
 * @param deadLetters refused records with a reason, key = source key
 * @param checkpoints ingest checkpoints (compacted), key = source id
 * @param streams StellarStream new-stream and balance-update events, key = address
 */
public record Topics(
        Topic<String, RawChainEvent> raw,
        Topic<String, TipEvent> tips,
        Topic<String, BalanceEvent> balances,
        Topic<String, DeadLetter> deadLetters,
        Topic<String, IngestCheckpoint> checkpoints,
        Topic<String, StreamEvent> streams) {

    public static final String DEFAULT_PREFIX = "chainpulse";

    public static Topics withPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix must match [a-zA-Z0-9._-]+, was " + prefix);
        }
        return new Topics(
                new Topic<>(prefix + ".raw-chain-events", Serdes.String(), AvroSerde.of(RawChainEvent.getClassSchema())),
                new Topic<>(prefix + ".creator-tips", Serdes.String(), AvroSerde.of(TipEvent.getClassSchema())),
                new Topic<>(prefix + ".balances", Serdes.String(), AvroSerde.of(BalanceEvent.getClassSchema())),
                new Topic<>(prefix + ".dead-letters", Serdes.String(), AvroSerde.of(DeadLetter.getClassSchema())),
                new Topic<>(prefix + ".ingest-checkpoints", Serdes.String(), AvroSerde.of(IngestCheckpoint.getClassSchema())),
                new Topic<>(prefix + ".stream-events", Serdes.String(), AvroSerde.of(StreamEvent.getClassSchema())));
    }

    public List<Topic<String, ?>> all() {
        return List.of(raw, tips, balances, deadLetters, checkpoints, streams);
    }
}
