package io.chainpulse.schemas;

/** Values of {@code TipEvent.type}; a string on the wire so new kinds do not break old readers. */
public final class TipEventTypes {
    public static final String TIP_SENT = "TIP_SENT";
    public static final String TIP_REVERTED = "TIP_REVERTED";

    private TipEventTypes() {}
}
