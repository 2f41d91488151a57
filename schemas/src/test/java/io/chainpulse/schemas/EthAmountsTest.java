package io.chainpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EthAmountsTest {
    @Test
    void shouldWriteWeiAsExactPlainEth() {
        assertThat(EthAmounts.toEth(new BigInteger("50000000000000000"))).isEqualTo("0.05");
        assertThat(EthAmounts.toEth(new BigInteger("1000000000000000000"))).isEqualTo("1");
        assertThat(EthAmounts.toEth(new BigInteger("1"))).isEqualTo("0.000000000000000001");
        assertThat(EthAmounts.toEth(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012.34567890123456789");
        assertThat(EthAmounts.toEth(new BigInteger("2").pow(256).subtract(BigInteger.ONE)))
                .startsWith("115792089237316195423570985008687907853269984665640564039457.");
    }
}
