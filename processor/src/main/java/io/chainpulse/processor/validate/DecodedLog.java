package io.chainpulse.processor.validate;

import java.math.BigInteger;

/** A Droppio log that passed validation, decoded to its business meaning. */
public sealed interface DecodedLog {

    /** {@code TipSent(from indexed, to indexed, amount, sessionId)}; addresses lowercased. */
    record TipSent(String from, String to, BigInteger amountWei, String sessionId) implements DecodedLog {}

    /** {@code Withdraw(creator indexed, amount)}; address lowercased. */
    record Withdraw(String creator, BigInteger amountWei) implements DecodedLog {}
}
