package io.chainpulse.cli;

import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.testevents.StellarTestEvents;
import java.math.BigInteger;

/**
 * The StellarStream events {@code ./chainpulse produce} can write: the V2 {@code create_v2}, {@code claim} and
 * {@code cancel} the test endpoints write, origin TEST, so placeholder ids and addresses ({@code test-stream-123},
 * {@code GDSENDER...}) pass the processor as they do there.
 */
public enum StellarTestKind {
    /** A new stream from sender to receiver of {@code amount} base units: {@code new-stream} ACTIVE to both. */
    STREAM {
        @Override
        public RawChainEvent build(StellarTestEvents events, Request request) {
            return events.create(request.streamId(), request.sender(), request.receiver(), request.amount());
        }
    },
    /** The receiver withdrew {@code amount}, {@code withdrawnTotal} so far: {@code balance-update} to the receiver. */
    WITHDRAWAL {
        @Override
        public RawChainEvent build(StellarTestEvents events, Request request) {
            return events.claim(request.streamId(), request.receiver(), request.amount(), request.withdrawnTotal());
        }
    },
    /** The sender canceled, splitting what was left: {@code new-stream} CANCELED to both. */
    CANCELLATION {
        @Override
        public RawChainEvent build(StellarTestEvents events, Request request) {
            return events.cancel(request.streamId(), request.sender(), request.toReceiver(), request.toSender());
        }
    };

    /** What one StellarStream test event is about; amounts in base units (stroops). */
    public record Request(String streamId, String sender, String receiver, BigInteger amount,
            BigInteger withdrawnTotal, BigInteger toReceiver, BigInteger toSender) {
        public Request {
            for (BigInteger value : new BigInteger[] {amount, withdrawnTotal, toReceiver, toSender}) {
                if (value.signum() < 0) {
                    throw new IllegalArgumentException("amounts must be >= 0, was " + value);
                }
            }
            if (streamId.isBlank() || sender.isBlank() || receiver.isBlank()) {
                throw new IllegalArgumentException("--stream-id, --sender and --receiver must not be blank");
            }
        }
    }

    public abstract RawChainEvent build(StellarTestEvents events, Request request);
}
