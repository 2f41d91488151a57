package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.TipFrame;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

/**
 * What one socket asked for: its creator, the filters live and replayed events must pass, and an optional batching
 * window.
 *
 * @param minAmountWei only tips of at least this many wei ({@code minAmountEth} in the query), or every tip
 * @param tipMode only tips of this mode ({@code live} or {@code offline}), or every mode
 * @param batchWindow when present, events are gathered for this long and sent as one {@code BATCH} frame
 * @param batchedReplay replayed events ({@code since}) leave in {@code BATCH} frames ({@code replay=batch} in the
 *     query) rather than one frame each
 */
public record Subscription(String creatorId, ChannelKind kind, Optional<BigInteger> minAmountWei,
        Optional<String> tipMode, Optional<Duration> batchWindow, boolean batchedReplay) {
    private static final BigDecimal WEI_PER_ETH = BigDecimal.TEN.pow(18);

    public static Subscription everything(String creatorId, ChannelKind kind) {
        return new Subscription(creatorId, kind, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public boolean accepts(TipFrame frame) {
        if (minAmountWei.isPresent() && frame.amountWei().compareTo(minAmountWei.get()) < 0) {
            return false;
        }
        return tipMode.isEmpty() || tipMode.get().equals(frame.tipMode());
    }

    /** Exact wei of a decimal ETH amount; rounds up below one wei so that a filter never lets smaller tips in. */
    public static BigInteger weiOf(BigDecimal eth) {
        return eth.multiply(WEI_PER_ETH).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }
}
