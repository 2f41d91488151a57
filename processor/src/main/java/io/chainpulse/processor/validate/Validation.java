package io.chainpulse.processor.validate;

/** Outcome of validating one raw record: decoded, or rejected with a reason. */
public sealed interface Validation {
    record Accepted(DecodedLog log) implements Validation {}

    record Rejected(Rejection rejection) implements Validation {}

    static Validation reject(Rejection.Reason reason, String detail) {
        return new Rejected(new Rejection(reason, detail));
    }
}
