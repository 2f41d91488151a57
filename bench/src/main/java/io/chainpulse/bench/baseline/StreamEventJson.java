package io.chainpulse.bench.baseline;

import io.chainpulse.bench.produce.BenchStreamEvents;
import io.chainpulse.schemas.stream.StreamEvent;
import java.time.Instant;

/**
 * A new-stream event for a baseline's publish: {@code {"address":"G…","event":{…}}}, the event with the fields, order
 * and values of the gateway's new-stream event (StreamFrameEncoder) and the id {@code 0-<sequence>}; the baseline adds
 * serverTime as the gateway does.
 */
final class StreamEventJson {
    private StreamEventJson() {}

    static void append(StringBuilder body, String address, long sequence) {
        StreamEvent event = BenchStreamEvents.newStream(address, sequence);
        // every value is letters and digits: no escaping needed
        body.append("{\"address\":\"").append(address).append("\",\"event\":{\"id\":\"0-").append(sequence)
                .append("\",\"streamId\":\"").append(event.getStreamId())
                .append("\",\"sender\":\"").append(event.getSender())
                .append("\",\"receiver\":\"").append(event.getReceiver())
                .append("\",\"amount\":\"").append(event.getAmount())
                .append("\",\"status\":\"").append(event.getStatus())
                .append("\",\"timestamp\":\"").append(Instant.ofEpochMilli(event.getTimestamp()))
                .append("\",\"contractId\":\"").append(event.getContractId())
                .append("\",\"eventId\":\"").append(event.getEventId())
                .append("\",\"txHash\":\"").append(event.getTxHash()).append("\"}}");
    }
}
