package io.chainpulse.produce;

import io.chainpulse.schemas.raw.RawChainEvent;

/** The Droppio events {@code ./chainpulse produce} can write; the StellarStream ones are the cli's {@code StellarTestKind}. */
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
