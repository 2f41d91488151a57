package io.chainpulse.processor.validate;

import static io.chainpulse.processor.TestLogs.CHAIN_ID;
import static io.chainpulse.processor.TestLogs.CONTRACT;
import static io.chainpulse.processor.TestLogs.aTip;
import static io.chainpulse.processor.TestLogs.aTxHash;
import static io.chainpulse.processor.TestLogs.eth;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogValidatorTest {
    private static final String FROM = "0x00000000000000000000000000000000000000f1";
    private static final String TO = "0x00000000000000000000000000000000000000c1";
    private final LogValidator validator = new LogValidator(CHAIN_ID, Set.of(CONTRACT));

    @Test
    void shouldDecodeTipSentExactly() {
        Validation result = validator.validate(aTip(FROM, TO, eth("0.05"), aTxHash(), 0));

        assertThat(result).isInstanceOf(Validation.Accepted.class);
        var tip = (DecodedLog.TipSent) ((Validation.Accepted) result).log();
        assertThat(tip.from()).isEqualTo(FROM);
        assertThat(tip.to()).isEqualTo(TO);
        assertThat(tip.amountWei()).isEqualTo(new BigInteger("50000000000000000"));
        assertThat(tip.sessionId()).isEqualTo("0x" + "ab".repeat(32));
    }

    @Test
    void shouldRejectEachBadInputWithItsReason() {
        RawChainEvent good = aTip(FROM, TO, eth("1"), aTxHash(), 0);

        assertThat(reason(RawChainEvent.newBuilder(good).setChainId("1").build())).isEqualTo(Rejection.Reason.WRONG_CHAIN);
        assertThat(reason(RawChainEvent.newBuilder(good).setContractAddress("0x" + "9".repeat(40)).build()))
                .isEqualTo(Rejection.Reason.UNKNOWN_CONTRACT);
        assertThat(reason(RawChainEvent.newBuilder(good).setData("0x1234").build())).isEqualTo(Rejection.Reason.UNDECODABLE);
        assertThat(reason(aTip(FROM, TO, BigInteger.ZERO, aTxHash(), 0))).isEqualTo(Rejection.Reason.ZERO_AMOUNT);
        assertThat(reason(RawChainEvent.newBuilder(good)
                .setTopics(List.of(good.getTopics().get(0), "0x" + "f".repeat(64), good.getTopics().get(2))).build()))
                .isEqualTo(Rejection.Reason.MALFORMED_ADDRESS);
        assertThat(reason(RawChainEvent.newBuilder(good).setTopics(List.of("0x" + "1".repeat(64))).build()))
                .isEqualTo(Rejection.Reason.UNDECODABLE);
    }

    private Rejection.Reason reason(RawChainEvent event) {
        Validation result = validator.validate(event);
        assertThat(result).isInstanceOf(Validation.Rejected.class);
        return ((Validation.Rejected) result).rejection().reason();
    }
}
