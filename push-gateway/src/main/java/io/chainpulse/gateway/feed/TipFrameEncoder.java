package io.chainpulse.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.schemas.AvroSerde;
import io.chainpulse.schemas.EventOrigin;
import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.tip.TipEvent;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Turns a tip event read at a topic position into the JSON frame clients receive; a test tip carries
 * {@code "test": true}, a real one no such field. Thread-safe.
 */
public final class TipFrameEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TipFrameEncoder() {}

    /** Decodes records of the tips topic. */
    @SuppressWarnings("unchecked")
    public static FrameDecoder<TipFrame> decoder(Topic<String, TipEvent> topic) {
        AvroSerde<TipEvent> serde = (AvroSerde<TipEvent>) topic.valueSerde();
        return (record, serverTime) -> encode(serde.decode(record.value()),
                new Cursor(record.partition(), record.offset()), serverTime);
    }

    public static TipFrame encode(TipEvent event, Cursor cursor, Instant serverTime) {
        ObjectNode node = JSON.createObjectNode()
                .put("type", String.valueOf(event.getType()))
                .put("id", cursor.toString())
                .put("creatorId", event.getCreatorId())
                .put("tipperAddress", event.getTipperAddress())
                .put("amountEth", event.getAmountEth())
                .put("amountWei", event.getAmountWei())
                .put("txHash", event.getTxHash())
                .put("logIndex", event.getLogIndex())
                .put("chainId", event.getChainId())
                .put("blockNumber", event.getBlockNumber())
                .put("tipMode", event.getTipMode())
                .put("sessionId", event.getSessionId())
                .put("timestamp", Instant.ofEpochMilli(event.getBlockTimestamp()).toString())
                .put("serverTime", serverTime.toString());
        if (EventOrigin.TEST.name().equals(event.getOrigin())) {
            node.put("test", true);
        }
        try {
            return new TipFrame(event.getCreatorId(), cursor, JSON.writeValueAsBytes(node),
                    new BigInteger(event.getAmountWei()), event.getTipMode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree of strings and numbers", e);
        }
    }
}
