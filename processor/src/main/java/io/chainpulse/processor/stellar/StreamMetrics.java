package io.chainpulse.processor.stellar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** StellarStream counters: streams created, withdrawals, cancellations, replays dropped, uninterpreted actions. */
public final class StreamMetrics {
    final Counter created;
    final Counter withdrawals;
    final Counter cancellations;
    final Counter replaysDropped;
    final Counter uninterpretedActions;
    final Counter unknownStreams;

    public StreamMetrics(MeterRegistry registry) {
        created = Counter.builder("chainpulse_processor_streams_created").register(registry);
        withdrawals = Counter.builder("chainpulse_processor_stream_withdrawals").register(registry);
        cancellations = Counter.builder("chainpulse_processor_stream_cancellations").register(registry);
        replaysDropped = Counter.builder("chainpulse_processor_stream_replays_dropped").register(registry);
        uninterpretedActions = Counter.builder("chainpulse_processor_stream_uninterpreted_actions")
                .description("StellarStream events of actions this version does not interpret, stored raw")
                .register(registry);
        unknownStreams = Counter.builder("chainpulse_processor_stream_unknown_streams")
                .description("cancellations of streams whose creation was never seen")
                .register(registry);
    }

    public double uninterpretedActions() {
        return uninterpretedActions.count();
    }

    public double replaysDropped() {
        return replaysDropped.count();
    }
}
