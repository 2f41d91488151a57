package io.chainpulse.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.schemas.AvroSerde;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.stream.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * Turns a stream event read at a topic position into the Socket.IO event StellarStream's frontend listens for:
 * {@code new-stream {streamId, sender, receiver, amount, status, timestamp}} or
 * {@code balance-update {address, newBalance, timestamp}}, each with the {@code id} a client rejoins with; an
 * event of a test carries {@code "test": true}, a real one no such field. Thread-safe.
 */
public final class StreamFrameEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Engine.IO MESSAGE (4) carrying a Socket.IO EVENT (2) of the main namespace. */
    private static final byte[] EVENT_PREFIX = {'4', '2'};

    private StreamFrameEncoder() {}

    @SuppressWarnings("unchecked")
    public static FrameDecoder<StreamFrame> decoder(Topic<String, StreamEvent> topic) {
        AvroSerde<StreamEvent> serde = (AvroSerde<StreamEvent>) topic.valueSerde();
        return (record, serverTime) -> encode(serde.decode(record.value()),
                new Cursor(record.partition(), record.offset()), serverTime);
    }

    public static StreamFrame encode(StreamEvent event, Cursor cursor, Instant serverTime) {
        String name = event.getEvent();
        ObjectNode body = JSON.createObjectNode().put("id", cursor.toString());
        switch (name) {
            case "new-stream" -> body.put("streamId", event.getStreamId())
                    .put("sender", event.getSender())
                    .put("receiver", event.getReceiver())
                    .put("amount", event.getAmount())
                    .put("status", event.getStatus());
            case "balance-update" -> body.put("address", event.getAddress())
                    .put("streamId", event.getStreamId())
                    .put("newBalance", event.getNewBalance());
            default -> throw new IllegalArgumentException("unknown stream event " + name);
        }
        body.put("timestamp", Instant.ofEpochMilli(event.getTimestamp()).toString())
                .put("contractId", event.getContractId())
                .put("eventId", event.getEventId())
                .put("txHash", event.getTxHash())
                .put("serverTime", serverTime.toString());
        if (EventOrigin.TEST.name().equals(event.getOrigin())) {
            body.put("test", true);
        }
        ArrayNode packet = JSON.createArrayNode().add(name).add(body);
        return new StreamFrame(event.getAddress(), cursor, name, bytes(packet));
    }

    private static byte[] bytes(ArrayNode packet) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(EVENT_PREFIX);
            JSON.writeValue(out, packet);
            return out.toByteArray();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree of strings", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
    }
}
