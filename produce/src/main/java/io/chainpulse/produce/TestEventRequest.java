package io.chainpulse.produce;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What one test event is about: the creator wallet (tipped or withdrawing), the tipper, the amount in wei and the
 * tip's session id (0x + 64 hex digits).
 */
public record TestEventRequest(String creatorWallet, String from, BigInteger amountWei, String sessionId) {
    public TestEventRequest {
        TestEventFactory.requireAddress("creator wallet", creatorWallet);
        TestEventFactory.requireAddress("tipper address", from);
        Objects.requireNonNull(amountWei, "amountWei");
        if (amountWei.signum() <= 0) {
            throw new IllegalArgumentException("the amount must be > 0 wei, was " + amountWei);
        }
        if (sessionId == null || !sessionId.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the session id must be 0x + 64 hex digits, was " + sessionId);
        }
    }
}
