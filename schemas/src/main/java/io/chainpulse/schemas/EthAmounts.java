package io.chainpulse.schemas;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Exact wei → ETH text: 10^18 wei per ETH, no floating point, no exponent. */
public final class EthAmounts {
    private EthAmounts() {}

    public static String toEth(BigInteger wei) {
        BigDecimal eth = new BigDecimal(wei).movePointLeft(18).stripTrailingZeros();
        return eth.scale() < 0 ? eth.setScale(0).toPlainString() : eth.toPlainString();
    }
}
