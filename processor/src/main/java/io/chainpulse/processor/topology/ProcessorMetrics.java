package io.chainpulse.processor.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.chainpulse.processor.validate.Rejection;
import java.util.EnumMap;
import java.util.Map;

/** Processor counters: records in, tips persisted, duplicates dropped, dead letters by reason, lag. */
public final class ProcessorMetrics {
    final Counter recordsIn;
    final Counter tipsPersisted;
    final Counter tipsToUnregisteredWallets;
    final Counter withdrawalsPersisted;
    final Counter duplicatesDropped;
    final Counter reverted;
    final DistributionSummary processingLagMs;
    private final Map<Rejection.Reason, Counter> deadLetters = new EnumMap<>(Rejection.Reason.class);

    public ProcessorMetrics(MeterRegistry registry) {
        recordsIn = Counter.builder("chainpulse_processor_records_in").register(registry);
        tipsPersisted = Counter.builder("chainpulse_processor_tips_persisted").register(registry);
        tipsToUnregisteredWallets = Counter.builder("chainpulse_processor_tips_unregistered_wallet").register(registry);
        withdrawalsPersisted = Counter.builder("chainpulse_processor_withdrawals_persisted").register(registry);
        duplicatesDropped = Counter.builder("chainpulse_processor_duplicates_dropped").register(registry);
        reverted = Counter.builder("chainpulse_processor_reverted").register(registry);
        processingLagMs = DistributionSummary.builder("chainpulse_processor_lag_ms")
                .description("ingest publish to processor persist, milliseconds")
                .publishPercentiles(0.5, 0.99).register(registry);
        for (Rejection.Reason reason : Rejection.Reason.values()) {
            deadLetters.put(reason, Counter.builder("chainpulse_processor_dead_letters")
                    .tag("reason", reason.name()).register(registry));
        }
    }

    void deadLetter(Rejection.Reason reason) {
        deadLetters.get(reason).increment();
    }
}
