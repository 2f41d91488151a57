package io.chainpulse.processor.topology;

import io.chainpulse.processor.ProcessorConfig;
import io.chainpulse.processor.persist.TipLedger;
import io.chainpulse.processor.stellar.StreamEventHandler;
import io.chainpulse.processor.validate.LogValidator;
import io.chainpulse.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/** The processor's topology: raw topic → validate, dedupe, persist → tips, balances and dead-letter topics. */
public final class PipelineTopology {
    static final String SEEN_LOGS_STORE = "seen-logs";
    static final String PENDING_TIPS_STORE = "pending-tips";
    static final String TIPS_SINK = "tips-sink";
    static final String BALANCES_SINK = "balances-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String STREAMS_SINK = "streams-sink";
    private static final String SOURCE = "raw-source";
    private static final String PROCESSOR = "raw-events";

    private PipelineTopology() {}

    /** Without a stream handler: StellarStream events are dead-lettered as UNSUPPORTED_CHAIN. */
    public static Topology build(ProcessorConfig config, Topics topics, TipLedger ledger, ProcessorMetrics metrics) {
        return build(config, topics, ledger, null, metrics);
    }

    /** @param streams applies StellarStream events; null refuses them */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Topology build(ProcessorConfig config, Topics topics, TipLedger ledger, StreamEventHandler streams,
            ProcessorMetrics metrics) {
        LogValidator validator = new LogValidator(config.evmChainId(), config.contracts());
        BalanceChanges balances = new BalanceChanges(ledger, metrics);
        SharedTipBatch.PerThread batches = new SharedTipBatch.PerThread(ledger.batchWriter());
        Topology topology = new Topology();
        // values are read as bytes so an unreadable record becomes a dead letter instead of a stream error
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.raw().name());
        topology.addProcessor(PROCESSOR,
                () -> new RawEventProcessor(topics.raw(), validator, streams, balances, batches, metrics,
                        config.dedupeRetention()), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_LOGS_STORE), Serdes.String(), Serdes.Long()), PROCESSOR);
        // pending tips live a few milliseconds and number at most a batch: in memory (changelogged like any store)
        // instead of RocksDB, whose put, get-before-delete and delete per tip cost more than the rest of the tip
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PENDING_TIPS_STORE), Serdes.Long(), Serdes.ByteArray()), PROCESSOR);
        topology.addSink(TIPS_SINK, topics.tips().name(), Serdes.String().serializer(),
                (Serializer) topics.tips().valueSerde().serializer(), PROCESSOR);
        topology.addSink(BALANCES_SINK, topics.balances().name(), Serdes.String().serializer(),
                (Serializer) topics.balances().valueSerde().serializer(), PROCESSOR);
        topology.addSink(STREAMS_SINK, topics.streams().name(), Serdes.String().serializer(),
                (Serializer) topics.streams().valueSerde().serializer(), PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters().name(), Serdes.String().serializer(),
                (Serializer) topics.deadLetters().valueSerde().serializer(), PROCESSOR);
        return topology;
    }
}
