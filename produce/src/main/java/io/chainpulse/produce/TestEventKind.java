package io.chainpulse.produce;

import io.chainpulse.schemas.raw.RawChainEvent;

/**
 * The events {@code ./chainpulse produce} can write. Extension point: a Stellar kind (stream, withdrawal,
 * cancellation) is one more constant whose {@code build} returns a {@code STELLAR} record with its RPC event id
 * (then {@code RawKeys.of} keys it by that id).
 */
public enum TestEventKind {
    /** Droppio {@code TipSent(from, to, amount, sessionId)} to the creator wallet. */
    TIP {
        @Override
        public RawChainEvent build(TestEventFactory factory, TestEventRequest request) {
            return factory.tip(request.from(), request.creatorWallet(), request.amountWei(), request.sessionId());
        }
    },
    /** Droppio {@code Withdraw(creator, amount)}. */
    WITHDRAW {
        @Override
        public RawChainEvent build(TestEventFactory factory, TestEventRequest request) {
            return factory.withdraw(request.creatorWallet(), request.amountWei());
        }
    };

    public abstract RawChainEvent build(TestEventFactory factory, TestEventRequest request);
}
