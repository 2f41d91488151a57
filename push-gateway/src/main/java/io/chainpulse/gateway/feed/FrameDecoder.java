package io.chainpulse.gateway.feed;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns one record into the frame clients receive; throws on a record it cannot read. Thread-safe. */
@FunctionalInterface
public interface FrameDecoder<F extends Frame> {
    F decode(ConsumerRecord<String, byte[]> record, Instant serverTime);
}
