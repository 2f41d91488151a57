package io.chainpulse.processor.validate;

/** Why a raw record was refused: a stable code for dashboards and a sentence for people. */
public record Rejection(Reason reason, String detail) {
    public enum Reason {
        UNREADABLE_RECORD,
        UNSUPPORTED_CHAIN,
        WRONG_CHAIN,
        UNKNOWN_CONTRACT,
        UNDECODABLE,
        ZERO_AMOUNT,
        MALFORMED_ADDRESS,
        PERSISTENCE_REJECTED
    }
}
