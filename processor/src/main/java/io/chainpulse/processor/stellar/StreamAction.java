package io.chainpulse.processor.stellar;

import java.math.BigInteger;

/** A StellarStream contract event (V1 or V2) decoded to its business meaning; amounts in base units. */
public sealed interface StreamAction {

    /** V1 {@code create} or V2 {@code create_v2}; times are contract seconds, {@code cliffTime} only in V2. */
    record Created(int version, String streamId, String sender, String receiver, String token, BigInteger total,
            long startTime, Long cliffTime, long endTime) implements StreamAction {}

    /** V1 {@code claim} or V2 {@code claim}: the receiver withdrew {@code amount}, {@code withdrawnTotal} so far. */
    record Claimed(int version, String streamId, String receiver, BigInteger amount, BigInteger withdrawnTotal)
            implements StreamAction {}

    /** V1 or V2 {@code cancel}: the remainder was split between receiver and sender. */
    record Canceled(int version, String streamId, String caller, BigInteger toReceiver, BigInteger toSender)
            implements StreamAction {}

    /** An action of a StellarStream contract this version does not interpret; stored raw and counted. */
    record Other(String action) implements StreamAction {}
}
