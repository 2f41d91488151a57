package io.chainpulse.gateway.feed;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One tip event as pushed to clients: its JSON, serialized once as UTF-8, and the few fields subscriptions filter
 * on. The same bytes go to every subscriber; {@link #payload()} hands out read-only views of them.
 */
public record TipFrame(String creatorId, Cursor cursor, byte[] json, BigInteger amountWei, String tipMode)
        implements Frame {
    public TipFrame {
        Objects.requireNonNull(creatorId, "creatorId");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String key() {
        return creatorId;
    }

    /** A fresh read-only view of the shared JSON bytes, positioned at the start. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(json).asReadOnlyBuffer();
    }

    public int size() {
        return json.length;
    }
}
