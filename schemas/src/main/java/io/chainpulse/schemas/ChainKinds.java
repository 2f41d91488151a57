package io.chainpulse.schemas;

/** Values of {@code RawChainEvent.chain}; a string on the wire so new chains do not break old readers. */
public final class ChainKinds {
    public static final String EVM = "EVM";
    public static final String STELLAR = "STELLAR";

    private ChainKinds() {}
}
