package io.chainpulse.processor.topology;

import io.chainpulse.processor.validate.Rejection;
import org.apache.avro.specific.SpecificRecord;

/** One record a raw record's handling asks the processor to emit: a value for an output topic, or a dead letter. */
sealed interface Output {

    /** {@code value} keyed by {@code key} to the sink node {@code sink}. */
    record Publish(String key, SpecificRecord value, long timestamp, String sink) implements Output {}

    /** The raw record that could not be applied, with the reason. */
    record DeadLetter(String rawKey, byte[] rawValue, long timestamp, Rejection rejection) implements Output {}
}
